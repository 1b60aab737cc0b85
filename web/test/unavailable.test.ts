import { freePort } from '@aula/directus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage } from './http.ts';
import { type RunningWeb, startWeb } from './web-server.ts';

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
});
