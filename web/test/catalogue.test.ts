import { describe, expect, it } from 'vitest';
import { getPage } from './http.ts';

const DEMO = 'Primeros pasos con Python';
const DRAFT = 'Curso borrador de Python';

describe('the catalogue (/)', () => {
  it('lists the published demo course as a card, never the draft', async () => {
    const page = await getPage('/');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<html lang="es"/);
    expect(page.text).toContain('Catálogo de cursos');
    expect(page.text).toContain(DEMO);
    expect(page.html).toContain('href="/cursos/primeros-pasos-con-python"');
    expect(page.text).toMatch(/Español .*Inicial .*1 h 15 min/);
    expect(page.html).not.toContain(DRAFT);
    expect(page.html).not.toContain('curso-borrador');
  });

  it('has a labelled GET search form with language and level filters', async () => {
    const { html } = await getPage('/');
    expect(html).toMatch(/<form[^>]*action="\/"/);
    expect(html).not.toMatch(/<form[^>]*action="\/"[^>]*method="post"/i);
    for (const field of ['q', 'language', 'level']) {
      expect(html).toContain(`<label for="${field}">`);
      expect(html).toContain(`name="${field}"`);
    }
  });

  it.each([
    ['?q=python', true],
    ['?q=PYTHON&language=es&level=beginner', true],
    ['?q=programaci%C3%B3n', true],
    // As people type: without the accent, with a typo, both (unaccent and pg_trgm in the course API).
    ['?q=programacion', true],
    ['?q=pyton', true],
    ['?q=primeros%20pasos%20pyton', true],
    ['?q=cocina', false],
    ['?q=zzzz', false],
    ['?language=en', false],
    ['?level=advanced', false],
    ['?language=klingon&level=', true],
  ])('%s lists the demo course: %s', async (query, listed) => {
    const page = await getPage(`/${query}`);
    expect(page.status).toBe(200);
    if (listed) {
      expect(page.text).toContain(DEMO);
      expect(page.text).not.toContain('Ningún curso coincide');
    } else {
      expect(page.text).not.toContain(DEMO);
      expect(page.text).toContain('Ningún curso coincide con tu búsqueda.');
      expect(page.text).toContain('Quitar filtros');
    }
    expect(page.html).not.toContain(DRAFT);
  });

  it('keeps the search in the form', async () => {
    const { html } = await getPage('/?q=zzzz&level=advanced');
    expect(html).toMatch(/name="q"[^>]*value="zzzz"|value="zzzz"[^>]*name="q"/);
    expect(html).toMatch(/<option value="advanced" selected="">/);
  });

  it('is accessible: skip link, landmarks, one h1', async () => {
    const { html } = await getPage('/');
    expect(html).toMatch(/<a class="skip-link" href="#contenido">Saltar al contenido<\/a>/);
    expect(html).toMatch(/<main id="contenido"/);
    expect(html).toMatch(/<header class="site-header"/);
    expect(html).toMatch(/<nav aria-label="Principal"/);
    expect(html).toMatch(/<footer/);
    expect(html.match(/<h1[ >]/g)?.length).toBeGreaterThanOrEqual(1);
  });
});
