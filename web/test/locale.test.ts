import { describe, expect, inject, it } from 'vitest';
import { getPage } from './http.ts';

describe('UI language', () => {
  it('is Spanish by default and English with aula_locale=en', async () => {
    const es = await getPage('/');
    const en = await getPage('/', { locale: 'en' });
    expect(es.html).toMatch(/<html lang="es"/);
    expect(en.html).toMatch(/<html lang="en"/);
    expect(en.text).toContain('Course catalogue');
    expect(en.text).toContain('Skip to content');
    expect(en.text).toMatch(/Spanish .*Beginner .*1 h 15 min/);
    expect(en.text).not.toContain('Catálogo de cursos');
    // Course content stays in its own language, marked as such.
    expect(en.html).toMatch(/<h3 class="card__title" lang="es">/);
  });

  it('translates the empty state, the course page and the 404', async () => {
    expect((await getPage('/?q=zzzz', { locale: 'en' })).text).toContain('No courses match your search.');
    const course = await getPage('/cursos/primeros-pasos-con-python', { locale: 'en' });
    expect(course.text).toContain('Course outline');
    expect(course.text).toContain('1 h 15 min · 4 lessons');
    const missing = await getPage('/cursos/nope', { locale: 'en' });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('We could not find this page');
  });

  it('ignores an unknown cookie value', async () => {
    expect((await getPage('/', { locale: 'fr' })).html).toMatch(/<html lang="es"/);
  });

  it('offers a switcher that works without JavaScript', async () => {
    const { html } = await getPage('/cursos/primeros-pasos-con-python');
    const form = /<form[^>]*action="\/idioma"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(form).toMatch(/^<form[^>]*method="post"/);
    expect(form).toContain('<legend class="sr-only">Idioma de la interfaz</legend>');
    expect(form).toContain('name="next" value="/cursos/primeros-pasos-con-python"');
    const buttons = form.match(/<button[^>]*>[^<]*<\/button>/g) ?? [];
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toMatch(
      /^(?=.*name="locale")(?=.*value="es")(?=.*lang="es")(?=.*aria-current="true").*>Español</,
    );
    expect(buttons[1]).toMatch(/^(?=.*value="en")(?=.*lang="en").*>English</);
    expect(buttons[1]).not.toContain('aria-current');
  });

  it.each([
    ['/cursos/primeros-pasos-con-python', 'en', '/cursos/primeros-pasos-con-python', 'aula_locale=en'],
    ['/?q=python', 'es', '/?q=python', 'aula_locale=es'],
    ['https://evil.example/', 'en', '/', 'aula_locale=en'],
    ['//evil.example/', 'en', '/', 'aula_locale=en'],
    ['/', 'xx', '/', null],
  ])('POST /idioma next=%s locale=%s → 303 %s', async (next, locale, location, cookie) => {
    const res = await fetch(`${inject('web').url}/idioma`, {
      method: 'POST',
      body: new URLSearchParams({ next, locale }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(location);
    const setCookie = res.headers.get('set-cookie');
    if (cookie) expect(setCookie).toMatch(new RegExp(`^${cookie}; Path=/; .*Max-Age=31536000`, 'i'));
    else expect(setCookie).toBeNull();
  });
});
