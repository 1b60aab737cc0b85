import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApi, unique } from './admin.ts';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { getPage } from './http.ts';
import { DEMO_PATH, enrol, signIn, signUp } from './student.ts';
import { EDITOR, STUDENT, tokenOf } from './studio-helpers.ts';

// Every course has a cover: the catalogue, the course page and "Mis cursos" show it with alt text in
// the reader's language; /cursos/<slug>/portada serves published covers only, resized and cached; a
// content manager replaces one in the studio.

const DEMO = 'Primeros pasos con Python';
const HOSTILE = `<script>alert("x")</script> "Comillas" & 'apóstrofos'`;
const web = () => inject('web').url;
const browser = browserForFile();
let api: Awaited<ReturnType<typeof adminApi>>;
const created: string[] = [];

beforeAll(async () => {
  api = await adminApi();
});
afterAll(async () => {
  for (const id of created) await api.request('DELETE', `/items/courses/${id}`);
});

async function newCourse(title: string, status: 'draft' | 'published') {
  const slug = unique('portada');
  const { id } = await api.request<{ id: string }>('POST', '/items/courses', {
    title,
    slug,
    status,
    language: 'es',
    level: 'beginner',
    ...(status === 'published' ? { published_at: new Date().toISOString() } : {}),
  });
  created.push(id);
  return { id, slug };
}

const cover = (path: string, headers: Record<string, string> = {}) => fetch(`${web()}${path}`, { headers });

describe('GET /cursos/<slug>/portada', () => {
  it('serves a published course’s cover resized, as WebP to browsers that take it, cached with an ETag', async () => {
    const res = await cover(`${DEMO_PATH}/portada?w=320`, { accept: 'image/avif,image/webp,*/*' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(['webp', 320]);

    const again = await cover(`${DEMO_PATH}/portada?w=320`, { accept: 'image/webp', 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    // Widths snap to the listed sizes; PNG when asked (link previews).
    const png = await cover(`${DEMO_PATH}/portada?w=1000&format=png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await png.arrayBuffer())).metadata()).width).toBe(1200);
    expect(png.headers.get('etag')).not.toBe(etag);
  });

  it('is a 404 for a draft, an archived or an unknown course', async () => {
    const draft = await newCourse('Portada de un borrador', 'draft');
    const archived = await newCourse('Portada archivada', 'published');
    await api.request('PATCH', `/items/courses/${archived.id}`, { status: 'archived' });
    for (const slug of ['curso-borrador', draft.slug, archived.slug, 'no-existe', '..%2F..%2Fadmin']) {
      const res = await cover(`/cursos/${slug}/portada?w=640`);
      expect(res.status, slug).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  it('draws a cover for a published course that has none, even with markup and quotes in its title', async () => {
    const { slug } = await newCourse(HOSTILE, 'published');
    const res = await cover(`/cursos/${slug}/portada?w=640&format=png`);
    expect(res.status).toBe(200);
    const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(640);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += info.channels * 37)
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    expect(colours.size).toBeGreaterThan(3);
    // The course page names it in the alt text, escaped.
    const page = await getPage(`/cursos/${slug}`);
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain('alt="Portada del curso «&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

/** The cover images on the page: their alt text, and whether they loaded (a real picture, not a broken box). */
async function covers(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('img.cover')].every((img) => img.complete),
  );
  return page.$$eval('img.cover', (imgs) =>
    (imgs as HTMLImageElement[]).map((img) => ({ alt: img.alt, loaded: img.naturalWidth > 0, src: img.currentSrc })),
  );
}

describe('covers in the browser', () => {
  it('catalogue, course page and Mis cursos show the cover with alt text in Spanish and in English', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/');
    const es = `Portada del curso «${DEMO}»`;
    await page.getByRole('img', { name: es }).scrollIntoViewIfNeeded();
    expect(await covers(page)).toContainEqual({ alt: es, loaded: true, src: expect.stringContaining('/portada?w=') });
    await page.goto(DEMO_PATH);
    expect(await covers(page)).toEqual([
      { alt: es, loaded: true, src: expect.stringContaining(`${DEMO_PATH}/portada`) },
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    await signUp(page);
    await enrol(page, DEMO_PATH);
    await page.goto('/mis-cursos');
    expect(await covers(page)).toEqual([{ alt: es, loaded: true, src: expect.any(String) }]);

    await context.addCookies([{ name: 'aula_locale', value: 'en', url: web() }]);
    const en = `Cover of the course “${DEMO}”`;
    for (const path of ['/mis-cursos', '/', DEMO_PATH]) {
      await page.goto(path);
      await page.getByRole('img', { name: en }).first().scrollIntoViewIfNeeded();
      expect(await covers(page), path).toContainEqual({ alt: en, loaded: true, src: expect.any(String) });
    }
    await context.close();
  });

  it('a content manager replaces a cover in the studio, is refused an SVG, and goes back to the drawn one', async () => {
    const { id, slug } = await newCourse('Jardinería en el balcón', 'published');
    const page = await (await newContext(browser())).newPage();
    await signIn(page, EDITOR, `/studio/cursos/${id}`);
    const section = page.getByRole('region', { name: 'Portada' });
    await section.getByText('Este curso aún no tiene portada.').waitFor();

    const png = await sharp({ create: { width: 800, height: 420, channels: 3, background: '#2f855a' } })
      .png()
      .toBuffer();
    await section.getByLabel('Imagen nueva').setInputFiles({ name: 'balcon.png', mimeType: 'image/png', buffer: png });
    await section.getByRole('button', { name: 'Subir portada' }).click();
    await section.getByRole('status').filter({ hasText: 'Portada guardada.' }).waitFor();
    await section.getByText(/Subida por el equipo\. Cambiada por Elena/).waitFor();
    const preview = section.getByRole('img', { name: 'Portada del curso «Jardinería en el balcón»' });
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);

    const [stored] = await api.request<Record<string, any>[]>(
      'GET',
      `/items/courses?filter[id][_eq]=${id}&fields=cover,cover_source,cover_set_at,cover_set_by.email`,
    );
    expect(stored).toMatchObject({ cover_source: 'uploaded', cover_set_by: { email: EDITOR.email } });
    expect(Date.now() - Date.parse(stored?.cover_set_at)).toBeLessThan(60_000);
    // The public sees the new picture.
    const served = await cover(`/cursos/${slug}/portada?w=480&format=png`);
    const { data } = await sharp(Buffer.from(await served.arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([0x2f, 0x85, 0x5a]);

    // An SVG named .png is refused by its bytes, in the reader's language.
    await section.getByLabel('Imagen nueva').setInputFiles({
      name: 'truco.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    });
    await section.getByRole('button', { name: 'Subir portada' }).click();
    await section.getByRole('alert').filter({ hasText: 'La imagen debe ser PNG, JPEG o WebP.' }).waitFor();

    await section.getByRole('button', { name: 'Volver a la portada dibujada' }).click();
    await section.getByText('Dibujada a partir del título.', { exact: false }).waitFor();
    const [drawn] = await api.request<Record<string, any>[]>(
      'GET',
      `/items/courses?filter[id][_eq]=${id}&fields=cover,cover_source`,
    );
    expect(drawn?.cover_source).toBe('drawn');
    expect(drawn?.cover).not.toBe(stored?.cover);
    // The uploaded file it replaced is gone.
    const gone = await fetch(`${inject('web').directusUrl}/files/${stored?.cover}`, {
      headers: { authorization: `Bearer ${await tokenOf(EDITOR)}` },
    });
    expect(gone.status).toBe(403);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a student cannot see the studio’s cover preview or reach the studio', async () => {
    const { id } = await newCourse('Portada privada', 'draft');
    const token = await tokenOf(STUDENT);
    const res = await fetch(`${web()}/api/studio/courses/${id}/cover?w=320`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    const page = await (await newContext(browser())).newPage();
    await signIn(page, STUDENT);
    await page.goto(`/studio/cursos/${id}`);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
