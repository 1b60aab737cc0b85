import { describe, expect, inject, it } from 'vitest';
import { getPage } from './http.ts';

const PATH = '/cursos/primeros-pasos-con-python';

describe('the course page (/cursos/[slug])', () => {
  it('shows the course, its facts and its outline', async () => {
    const page = await getPage(PATH);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<title>Primeros pasos con Python · Aula<\/title>/);
    expect(page.html).toMatch(/<h1>Primeros pasos con Python<\/h1>/);
    expect(page.text).toContain('Un curso breve para dar tus primeros pasos en la programación con Python');
    expect(page.text).toContain('Personas adultas sin experiencia previa en programación');
    expect(page.text).toMatch(/Nivel Inicial/);
    expect(page.text).toMatch(/Idioma Español/);
    expect(page.text).toContain('1 h 15 min · 4 lecciones');
    for (const title of ['Fundamentos', 'Controlar el flujo del programa'])
      expect(page.html).toContain(`>${title}</h3>`);
    const lessons = ['¿Qué es programar?', 'Variables y tipos de datos', 'Decisiones con if', 'Repetir con bucles'];
    const positions = lessons.map((title) => page.html.indexOf(`>${title}</h4>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(page.text).toContain('15 min');
    expect(page.text).toContain('Escribir y ejecutar un primer programa en Python con la función print().');
  });

  it('never contains a lesson body or a quiz answer key', async () => {
    const { html } = await getPage(PATH);
    expect(html).not.toContain('Programar puede sonar a algo reservado para especialistas');
    expect(html).not.toContain('es una lista de instrucciones que la computadora sigue en orden');
    expect(html).not.toContain('Programar es dar instrucciones');
    expect(html).not.toContain('Una secuencia de instrucciones precisas que la computadora sigue en orden.');
  });

  it('has headings in order and a breadcrumb back to the catalogue', async () => {
    const { html } = await getPage(PATH);
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (const [i, level] of levels.entries()) if (i > 0) expect(level - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1);
    expect(html).toMatch(/<nav aria-label="Ruta de navegación"/);
  });

  it.each(['/cursos/curso-borrador', '/cursos/nope', '/cursos/No%20Valido'])(
    '%s is a helpful, server-rendered 404',
    async (path) => {
      const page = await getPage(path);
      expect(page.status).toBe(404);
      // In the HTML itself (not only in the data the browser renders from): it works without JavaScript.
      const main = /<main id="contenido"[^>]*>([\s\S]*)<\/main>/.exec(page.html)?.[1] ?? '';
      expect(main).toContain('<h1>No encontramos esta página</h1>');
      expect(main).toMatch(/<form[^>]*action="\/"/);
      expect(main).toMatch(/<label for="q">Buscar cursos<\/label>/);
      expect(main).toContain('href="/"');
      expect(main).toContain('Ver todos los cursos');
      expect(page.html).toMatch(/<html lang="es"/);
      expect(page.html).not.toContain('Curso borrador de Python');
    },
  );

  it('renders the 404 in the browser on client-side navigation (RSC request)', async () => {
    const res = await fetch(`${inject('web').url}/cursos/nope`, { headers: { rsc: '1' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No encontramos esta página');
  });

  it('answers unknown pages with the same 404', async () => {
    const page = await getPage('/no-existe');
    expect(page.status).toBe(404);
    expect(page.text).toContain('No encontramos esta página');
  });
});
