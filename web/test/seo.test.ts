import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type AdminApi, adminApi, unique } from './admin.ts';
import { browserForFile, newContext } from './browser.ts';
import { getPage } from './http.ts';
import { DEMO_PATH } from './student.ts';

// Found by search engines: the sitemap (published courses only), robots.txt, and each course page's
// canonical address, Open Graph and Twitter cards and JSON-LD, all on the configured public address
// (AULA_PUBLIC_URL, global-setup.ts), never on the Host a request names. Lessons say noindex.

const PUBLIC_URL = 'https://aula.example.org';
const HOSTILE_TITLE = 'Curso </script><script>window.__pwned = 1</script> <!-- & más';
const browser = browserForFile();
let api: AdminApi;
const made: { id: string; slug: string; status: string }[] = [];

async function course(status: 'published' | 'archived' | 'draft', title: string) {
  const slug = unique(`seo-${status}`);
  const row = await api.request<{ id: string }>('POST', '/items/courses', {
    title,
    slug,
    status,
    language: 'es',
    level: 'beginner',
    summary: `Un curso ${status} creado por las pruebas.`,
    ...(status === 'draft' ? {} : { published_at: new Date().toISOString() }),
  });
  made.push({ id: row.id, slug, status });
  return slug;
}

const sitemap = async () => (await fetch(`${inject('web').url}/sitemap.xml`)).text();
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

beforeAll(async () => {
  api = await adminApi();
  await course('published', HOSTILE_TITLE);
  await course('archived', 'Curso archivado de prueba');
  await course('draft', 'Curso borrador de prueba');
});

afterAll(async () => {
  for (const { id } of made) await api.request('DELETE', `/items/courses/${id}`).catch(() => undefined);
  // Leave the catalogue as it was for the next file: wait out Next's data cache of anonymous reads
  // (30 s, then revalidated in the background).
  await vi.waitFor(
    async () => {
      if (await catalogueLists()) throw new Error('the catalogue still lists a course of this file');
    },
    { timeout: 90_000, interval: 1_000 },
  );
});

async function catalogueLists(): Promise<boolean> {
  const { html } = await getPage('/');
  return made.some(({ slug }) => html.includes(slug));
}

describe('sitemap.xml', () => {
  it('lists the catalogue and every published course, never a draft, an archived course or a lesson', async () => {
    const [published, archived, draft] = made;
    // Anonymous reads are cached for a few seconds: wait for the new course to show.
    await expect
      .poll(async () => locs(await sitemap()), { timeout: 15_000 })
      .toContain(`${PUBLIC_URL}/cursos/${published!.slug}`);
    const res = await fetch(`${inject('web').url}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    );
    const listed = locs(xml);
    expect(listed).toContain(`${PUBLIC_URL}/`);
    expect(listed).toContain(`${PUBLIC_URL}${DEMO_PATH}`);
    expect(listed).not.toContain(`${PUBLIC_URL}/cursos/${archived!.slug}`);
    expect(listed).not.toContain(`${PUBLIC_URL}/cursos/${draft!.slug}`);
    expect(listed).not.toContain(`${PUBLIC_URL}/cursos/curso-borrador`);
    expect(listed.filter((url) => url?.includes('/lecciones/'))).toEqual([]);
    // Every address on the public URL, each with its publication date.
    expect(listed.every((url) => url?.startsWith(`${PUBLIC_URL}/`))).toBe(true);
    expect(xml).toMatch(/<url><loc>[^<]+\/cursos\/primeros-pasos-con-python<\/loc><lastmod>\d{4}-\d\d-\d\dT/);
  });

  it('names the public URL even when a request says another Host', async () => {
    const { url } = inject('web');
    const res = await fetch(`${url}/sitemap.xml`, { headers: { 'x-forwarded-host': 'evil.example' } });
    expect(await res.text()).not.toContain('evil.example');
  });
});

describe('robots.txt', () => {
  it('allows the catalogue and course pages, keeps crawlers out of the studio, admin and API, names the sitemap', async () => {
    const res = await fetch(`${inject('web').url}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await res.text()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'User-agent: *',
        'Allow: /',
        'Allow: /cursos/',
        'Disallow: /studio',
        'Disallow: /admin',
        'Disallow: /api/',
        `Sitemap: ${PUBLIC_URL}/sitemap.xml`,
      ]),
    );
    // Lessons stay crawlable so that a crawler can read their noindex.
    expect(lines.some((line) => line.startsWith('Disallow: /cursos'))).toBe(false);
  });
});

describe('a course page', () => {
  it('has its canonical address, Open Graph and Twitter cards and JSON-LD Course data', async () => {
    const { html, status } = await getPage(DEMO_PATH);
    expect(status).toBe(200);
    const meta = (attr: string, name: string) =>
      new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];
    const canonical = `${PUBLIC_URL}${DEMO_PATH}`;
    const cover = `${PUBLIC_URL}${DEMO_PATH}/portada?w=1200`;
    expect(html).toContain(`<link rel="canonical" href="${canonical}"/>`);
    expect(meta('property', 'og:url')).toBe(canonical);
    expect(meta('property', 'og:title')).toBe('Primeros pasos con Python');
    expect(meta('property', 'og:description')?.length).toBeGreaterThan(20);
    expect(meta('property', 'og:image')).toBe(cover);
    expect(meta('property', 'og:image:alt')).toBe('Primeros pasos con Python');
    expect(meta('property', 'og:type')).toBe('website');
    expect(meta('property', 'og:site_name')).toBe('Aula');
    expect(meta('name', 'twitter:card')).toBe('summary_large_image');
    expect(meta('name', 'twitter:title')).toBe('Primeros pasos con Python');
    expect(meta('name', 'twitter:image')).toBe(cover);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(JSON.parse(scripts[0]![1]!)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Course',
      name: 'Primeros pasos con Python',
      description: meta('property', 'og:description'),
      inLanguage: 'es',
      url: canonical,
      image: cover,
      provider: { '@type': 'Organization', name: 'Aula', sameAs: PUBLIC_URL },
      isAccessibleForFree: true,
    });
  });

  it('keeps the public URL whatever Host the request names', async () => {
    const res = await fetch(`${inject('web').url}${DEMO_PATH}`, { headers: { 'x-forwarded-host': 'evil.example' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).not.toContain('evil.example');
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_URL}${DEMO_PATH}"/>`);
  });

  it('escapes a title that tries to close the JSON-LD script', async () => {
    const [hostile] = made;
    const path = `/cursos/${hostile!.slug}`;
    await expect.poll(async () => (await getPage(path)).status, { timeout: 15_000 }).toBe(200);
    const { html } = await getPage(path);
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(block).not.toMatch(/[<>]/);
    expect(JSON.parse(block).name).toBe(HOSTILE_TITLE);
    // In a browser: the script tag held, nothing of the title ran, the page shows the title as text.
    const page = await (await newContext(browser())).newPage();
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: HOSTILE_TITLE }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const parsed = await page.evaluate(
      () => JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? 'null').name,
    );
    expect(parsed).toBe(HOSTILE_TITLE);
    await page.context().close();
  });
});

describe('lessons and signing in, for crawlers', () => {
  it('sends a signed-out visitor of a lesson to its course page, on the same host, marked noindex', async () => {
    const { url } = inject('web');
    const lesson = `${url}${DEMO_PATH}/lecciones/que-es-programar`;
    const res = await fetch(lesson, { redirect: 'manual' });
    expect(res.status).toBe(307);
    // Where a browser lands (a relative Location stays on the host the person used).
    expect(new URL(res.headers.get('location') ?? '', lesson).href).toBe(`${url}${DEMO_PATH}?aviso=inscribete`);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
  });

  it.each(['/entrar', '/registro'])('%s says noindex', async (path) => {
    expect((await getPage(path)).html).toContain('<meta name="robots" content="noindex"/>');
  });

  it('the course page and the catalogue may be indexed', async () => {
    for (const path of ['/', DEMO_PATH]) expect((await getPage(path)).html).not.toContain('name="robots"');
  });
});
