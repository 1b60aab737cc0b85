import { describe, expect, inject, it } from 'vitest';
import { EDITOR, STUDENT, tokenOf } from './studio-helpers.ts';

// The admin panel is for administrators only, decided on the server from the role Directus gives the
// session's user: its page answers 403 to everyone else signed in (sign in when signed out), its API 403.

const web = () => inject('web').url;
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${web()}${path}`, { headers, redirect: 'manual' });

/** Every kind of call the panel's API takes, reads and actions alike. */
const API_CALLS: [string, string, unknown?][] = [
  ['GET', '/api/admin/hosts'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/hosts/main/backups'],
  ['POST', '/api/admin/hosts/main/backups', { kind: 'db' }],
  ['GET', '/api/admin/hosts/main/backups/any/download'],
  ['POST', '/api/admin/hosts/main/drills', { backup: 'any' }],
  ['POST', '/api/admin/hosts/main/clone', { to: 'mirror' }],
  ['POST', '/api/admin/hosts/main/services/web/restart'],
  ['GET', '/api/admin/hosts/main/services/web/log'],
  ['POST', '/api/admin/hosts/main/queues/drain'],
  ['DELETE', '/api/admin/hosts/main/operations/any'],
];

describe('who gets the admin panel', () => {
  it('a signed-out visitor is sent to sign in and back, and a session Directus refuses too', async () => {
    for (const cookie of [undefined, 'aula_access=not-a-token']) {
      const res = await get('/admin', cookie ? { cookie } : {});
      expect([303, 307]).toContain(res.status);
      const to = new URL(res.headers.get('location') ?? '', web());
      expect(to.pathname).toBe('/entrar');
      expect(to.searchParams.get('next')).toBe('/admin');
    }
  });

  it('a content manager and a student get a 403 page, in their language', async () => {
    for (const person of [EDITOR, STUDENT]) {
      const token = await tokenOf(person);
      const es = await get('/admin', { cookie: `aula_access=${token}` });
      expect(es.status, person.email).toBe(403);
      expect(await es.text()).toContain('Este panel es solo para quien administra Aula.');
      const en = await get('/admin', { cookie: `aula_access=${token}; aula_locale=en` });
      expect(en.status).toBe(403);
      expect(await en.text()).toContain('This panel is for the people who administer Aula.');
    }
  });

  it('the administrator gets the panel, and with no servers configured it says how to configure them', async () => {
    const res = await get('/admin', { cookie: `aula_access=${await tokenOf(inject('web').admin)}; aula_locale=en` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Admin panel');
    // admin.test.ts puts its agents in the servers file only while it runs.
    expect(html).toContain('No servers configured');
    expect(html).toContain('AULA_SERVERS');
  });

  it('the API answers 403 to a content manager, a student and a signed-out visitor, whatever they ask', async () => {
    const callers: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
    for (const person of [EDITOR, STUDENT]) {
      const token = await tokenOf(person);
      callers.push({ cookie: `aula_access=${token}` }, { authorization: `Bearer ${token}` });
    }
    for (const headers of callers) {
      for (const [method, path, body] of API_CALLS) {
        const res = await fetch(`${web()}${path}`, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers).slice(0, 40)}`).toBe(403);
        expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      }
    }
  });

  it('the administrator’s API refuses what the panel does not offer', async () => {
    const auth = { authorization: `Bearer ${await tokenOf(inject('web').admin)}` };
    const unknown = await fetch(`${web()}/api/admin/hosts/main/shell`, { method: 'POST', headers: auth });
    expect(unknown.status).toBe(404);
    const traversal = await fetch(`${web()}/api/admin/hosts/main/services/..%2F..%2Fetc/log`, { headers: auth });
    expect(traversal.status).toBe(404);
  });
});
