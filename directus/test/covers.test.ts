import { createApi } from '@aula/data';
import { renderCoverPng, storeDrawnCover } from '@aula/data/covers';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, ok, tokens, unique } from './helpers.ts';

type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;

/** The asset as `token` gets it: status, type and bytes. */
async function asset(token: string | null, id: string, query = '') {
  const res = await fetch(`${inject('stack').url}/assets/${id}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function courseWithCover(status: 'draft' | 'published' | 'archived') {
  const id = (await ok(t.admin, 'POST', '/items/courses', { title: `Curso ${status}`, slug: unique(status), status }))
    .id as string;
  const cover = await storeDrawnCover(createApi(inject('stack').url, t.admin), {
    courseId: id,
    title: `Curso ${status}`,
  });
  return { id, cover };
}

beforeAll(async () => {
  t = await tokens();
});

describe('course covers', () => {
  it('the demo course has a drawn cover everyone can fetch, resized and as WebP', async () => {
    const query = '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=';
    const [demo] = await ok(null, 'GET', `${query}cover`);
    expect(demo.cover).toEqual(expect.any(String));
    const [stored] = await ok(t.admin, 'GET', `${query}cover_source,cover_set_at`);
    expect(stored).toEqual({ cover_source: 'drawn', cover_set_at: expect.any(String) });
    const original = await asset(null, demo.cover);
    expect([original.status, original.type]).toEqual([200, 'image/png']);
    const small = await asset(null, demo.cover, '?width=320&format=webp');
    expect([small.status, small.type]).toEqual([200, 'image/webp']);
    expect((await sharp(small.bytes).metadata()).width).toBe(320);
    // Where it came from and who set it are not the public's business.
    expect((await call(null, 'GET', `${query}cover_source`)).status).toBe(403);
    expect((await call(t.student, 'GET', `${query}cover_set_by`)).status).toBe(403);
  });

  it('the cover of a draft or archived course is refused to visitors and students, not to editors', async () => {
    for (const status of ['draft', 'archived'] as const) {
      const { cover } = await courseWithCover(status);
      expect((await asset(null, cover)).status).toBe(403);
      expect((await asset(t.student, cover)).status).toBe(403);
      expect((await call(null, 'GET', `/files/${cover}`)).status).toBe(403);
      expect((await asset(t.editor, cover)).status).toBe(200);
    }
  });

  it('a cover is public once its course is published, and private again when archived', async () => {
    const { id, cover } = await courseWithCover('draft');
    await ok(t.admin, 'PATCH', `/items/courses/${id}`, { status: 'published' });
    expect((await asset(null, cover)).status).toBe(200);
    await ok(t.admin, 'PATCH', `/items/courses/${id}`, { status: 'archived' });
    expect((await asset(null, cover)).status).toBe(403);
  });

  it('no other file is public: an upload that is no course’s cover stays private', async () => {
    const form = new FormData();
    form.set('file', new Blob([await renderCoverPng({ title: 'suelto' })], { type: 'image/png' }), 'suelto.png');
    const res = await fetch(`${inject('stack').url}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.editor}` },
      body: form,
    });
    const { data } = (await res.json()) as { data: { id: string } };
    expect((await asset(null, data.id)).status).toBe(403);
    expect((await asset(t.student, data.id)).status).toBe(403);
  });

  it('a student can neither upload a file nor change a course’s cover', async () => {
    const form = new FormData();
    form.set('file', new Blob([await renderCoverPng({ title: 'mío' })], { type: 'image/png' }), 'mio.png');
    const upload = await fetch(`${inject('stack').url}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.student}` },
      body: form,
    });
    expect(upload.status).toBe(403);
    const { id, cover } = await courseWithCover('published');
    expect((await call(t.student, 'PATCH', `/items/courses/${id}`, { cover: null })).status).toBe(403);
    expect((await call(t.student, 'PATCH', `/files/${cover}`, { title: 'x' })).status).toBe(403);
    expect((await call(t.student, 'DELETE', `/files/${cover}`)).status).toBe(403);
  });
});
