import { freePort, type RunningWeb, startWeb } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage } from './http.ts';

// A second copy of the app pointed at a port where nothing listens: Directus is down.
let web: RunningWeb;
beforeAll(async () => {
  web = await startWeb({ directusUrl: `http://127.0.0.1:${await freePort()}` });
});
afterAll(() => web?.stop());

describe('when Directus is down', () => {
  it('the catalogue shows an error state, keeps the search form and does not crash', async () => {
    const page = await getPage('/?q=python', { base: web.url });
    expect(page.status).toBe(200);
    expect(page.text).toContain('El catálogo no está disponible ahora mismo');
    expect(page.html).toContain('href="/?q=python"');
    expect(page.html).toContain('name="q"');
  });

  it('the course page shows the same error state', async () => {
    const page = await getPage('/cursos/primeros-pasos-con-python', { base: web.url, locale: 'en' });
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<h1 id="unavailable-title">The catalogue is not available right now<\/h1>/);
  });

  it("a signed-in student's pages say so too, in a plain sentence", async () => {
    const cookie = { cookie: 'aula_access=any-token' };
    const mine = await fetch(`${web.url}/mis-cursos`, { headers: cookie });
    expect(await mine.text()).toContain('Tus cursos no están disponibles ahora mismo');
    const lesson = await fetch(`${web.url}/cursos/primeros-pasos-con-python/lecciones/que-es-programar`, {
      headers: cookie,
    });
    expect(await lesson.text()).toContain('Esta lección no está disponible ahora mismo');
  });
});
