import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { adminApi } from './admin.ts';
import { EDITOR, STUDENT, tokenOf } from './studio-helpers.ts';

// The studio is for content managers and administrators only, decided on the server from the role
// Directus gives the session's user: pages redirect everyone else, its API answers 403.

const web = () => inject('web').url;
const PAGES = [
  '/studio',
  '/studio/nuevo',
  '/studio/cursos',
  '/studio/propuestas',
  `/studio/runs/${randomUUID()}`,
  `/studio/cursos/${randomUUID()}`,
];

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${web()}${path}`, { headers, redirect: 'manual' });
}

describe('who gets the studio', () => {
  it.each(PAGES)('a signed-out visitor asking for %s is sent to sign in', async (path) => {
    const res = await get(path);
    expect([303, 307]).toContain(res.status);
    const to = new URL(res.headers.get('location') ?? '', web());
    expect(to.pathname).toBe('/entrar');
    expect(to.searchParams.get('next')).toBe(path);
  });

  it('a session Directus no longer takes is sent to sign in, not away', async () => {
    const res = await get('/studio', { cookie: 'aula_access=not-a-token' });
    expect([303, 307]).toContain(res.status);
    expect(new URL(res.headers.get('location') ?? '', web()).pathname).toBe('/entrar');
  });

  it.each(PAGES)('a student asking for %s is sent to the catalogue', async (path) => {
    const res = await get(path, { cookie: `aula_access=${await tokenOf(STUDENT)}` });
    expect([303, 307]).toContain(res.status);
    expect(new URL(res.headers.get('location') ?? '', web()).pathname).toBe('/');
  });

  it('a content manager and an administrator get the studio, in either language', async () => {
    const editor = await get('/studio', { cookie: `aula_access=${await tokenOf(EDITOR)}` });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain('Estudio de contenidos');
    const admin = await get('/studio', { cookie: `aula_access=${await tokenOf(inject('web').admin)}; aula_locale=en` });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('Content studio');
    const proposals = await get('/studio/propuestas', {
      cookie: `aula_access=${await tokenOf(EDITOR)}; aula_locale=en`,
    });
    expect(proposals.status).toBe(200);
    expect(await proposals.text()).toContain('Topic proposals');
  });

  it('the studio API answers 403 to a student and to a signed-out visitor', async () => {
    const run = randomUUID();
    const api = await adminApi();
    const [draft] = await api.request<{ id: string }[]>(
      'GET',
      '/items/courses?filter[slug][_eq]=curso-borrador&fields=id',
    );
    if (!draft) throw new Error('the draft course of the test set-up is missing');
    const student = await tokenOf(STUDENT);
    const callers: Record<string, string>[] = [
      {},
      { cookie: `aula_access=${student}` },
      { authorization: `Bearer ${student}` },
      { authorization: 'Bearer not-a-token' },
    ];
    for (const headers of callers) {
      const read = await fetch(`${web()}/api/studio/runs/${run}`, { headers });
      expect(read.status, JSON.stringify(headers)).toBe(403);
      expect(((await read.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      const proposals = await fetch(`${web()}/api/studio/proposals?status=new`, { headers });
      expect(proposals.status, JSON.stringify(headers)).toBe(403);
      const cancel = await fetch(`${web()}/api/studio/runs/${run}/cancel`, { method: 'POST', headers });
      expect(cancel.status, JSON.stringify(headers)).toBe(403);
      const writes: [string, string, unknown][] = [
        ['PATCH', `/api/studio/lessons/${run}`, { body: '## Escrito por quien no debe' }],
        ['PATCH', `/api/studio/lessons/${run}/objectives`, { objectives: ['Objetivo de quien no debe'] }],
        ['PATCH', `/api/studio/courses/${draft.id}`, { title: 'Título de quien no debe', summary: '' }],
        ['PATCH', `/api/studio/questions/${run}`, { prompt: 'x', options: ['a', 'b', 'c', 'd'], correctOption: 0 }],
        ['POST', `/api/studio/lessons/${run}/regenerate`, { instruction: 'x' }],
        ['POST', `/api/studio/quizzes/${run}/regenerate`, { instruction: 'x' }],
        ['POST', `/api/studio/runs/${run}/accept`, {}],
        ['POST', `/api/studio/runs/${run}/discard`, {}],
        ['POST', `/api/studio/runs/${run}/retry`, {}],
        ['POST', '/api/studio/preview', { markdown: '# x' }],
        ['POST', `/api/studio/proposals/${run}/accept`, { lessonCount: 2 }],
        ['POST', `/api/studio/proposals/${run}/dismiss`, {}],
        ['GET', `/api/studio/price?provider=openai&model=gpt-4o-mini`, undefined],
      ];
      for (const [method, path, body] of writes) {
        const res = await fetch(`${web()}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
      }
      for (const action of ['publish', 'archive']) {
        const changed = await fetch(`${web()}/api/studio/courses/${draft.id}/${action}`, { method: 'POST', headers });
        expect(changed.status, `${action} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    // Nobody of them published the draft course, nor renamed it.
    const [after] = await api.request<{ status: string; title: string }[]>(
      'GET',
      '/items/courses?filter[slug][_eq]=curso-borrador&fields=status,title',
    );
    expect(after).toEqual({ status: 'draft', title: 'Curso borrador de Python' });
    // The same unknown run, asked by the content manager: past the door, and not found.
    const editor = await fetch(`${web()}/api/studio/runs/${run}`, {
      headers: { authorization: `Bearer ${await tokenOf(EDITOR)}` },
    });
    expect(editor.status).toBe(404);
  });
});
