import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok, tokens } from './helpers.ts';

/**
 * GET /aula/courses/search against the test stack's Directus and PostgreSQL: accents ignored, a typo
 * forgiven (unaccent and pg_trgm, installed by the set-up), published courses only, anyone may ask.
 * The courses here carry a made-up word of this run, so other files' courses never match by chance.
 */
const tag = `zq${randomBytes(3).toString('hex')}`;
let admin: string;
const made: string[] = [];
let published: string;
let python: string;
let draft: string;

async function course(title: string, status: 'draft' | 'published', summary = '') {
  const row = await ok(admin, 'POST', '/items/courses', {
    title,
    summary,
    slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(3).toString('hex')}`,
    status,
    language: 'es',
    level: 'beginner',
    ...(status === 'published' ? { published_at: new Date().toISOString() } : {}),
  });
  made.push(row.id);
  return row.id as string;
}

const search = async (q: string, token: string | null = null) => {
  const res = await call(token, 'GET', `/aula/courses/search?${new URLSearchParams({ q })}`);
  expect(res.status, JSON.stringify(res.errors)).toBe(200);
  return res.data.ids as string[];
};

beforeAll(async () => {
  admin = (await tokens()).admin;
  published = await course(`Introducción a la programación ${tag}`, 'published', 'Variables, bucles y funciones.');
  python = await course(`Análisis de datos con Python ${tag}`, 'published', 'Tablas y gráficos con pandas.');
  draft = await course(`Programación avanzada ${tag}`, 'draft');
});

afterAll(async () => {
  if (made.length > 0) await call(admin, 'DELETE', '/items/courses', made);
});

describe('catalogue search', () => {
  it('ignores accents both ways, for anyone signed out', async () => {
    expect(await search(`programacion ${tag}`)).toEqual([published]);
    expect(await search(`PROGRAMACIÓN ${tag}`)).toEqual([published]);
    expect(await search(`analisis ${tag}`)).toEqual([python]);
  });

  it('forgives a typo ("pyton", "programacon") but does not match unrelated words', async () => {
    expect(await search(`pyton ${tag}`)).toEqual([python]);
    expect(await search(`programacon ${tag}`)).toEqual([published]);
    expect(await search(`cocina ${tag}`)).toEqual([]);
  });

  it('finds the demo course by a misspelt word alone', async () => {
    const [demo] = await ok(admin, 'GET', '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id');
    expect(await search('pyton')).toContain(demo.id);
    expect(await search('primeros pasos')).toContain(demo.id);
  });

  it('never shows a draft, even to its editor', async () => {
    expect(await search(`avanzada ${tag}`)).toEqual([]);
    expect(await search(`avanzada ${tag}`, admin)).toEqual([]);
    expect(await search(tag)).not.toContain(draft);
    expect((await search(tag)).sort()).toEqual([published, python].sort());
  });

  it('finds nothing for symbols alone, and refuses an empty or overlong query', async () => {
    expect(await search('%%%')).toEqual([]);
    expect(await search('___')).toEqual([]);
    for (const q of ['', '   ', 'x'.repeat(101)]) {
      const res = await call(null, 'GET', `/aula/courses/search?${new URLSearchParams({ q })}`);
      expect(res.status).toBe(400);
    }
  });
});
