import { beforeAll, describe, expect, inject, it } from 'vitest';
import { actionForm } from './action-form.ts';
import { requestFrom } from './from-address.ts';
import { STUDENT, tokenOf } from './studio-helpers.ts';

const web = () => inject('web').url;
const DEMO = '/cursos/primeros-pasos-con-python';
const LESSON = `${DEMO}/lecciones/que-es-programar`;

/** Where a browser that opened the site as `http://<host>` lands after this answer. */
const landing = (location: string | string[] | undefined, host: string) =>
  new URL(String(location), `http://${host}/`).href;

describe('redirects keep the host the person used', () => {
  const port = () => new URL(web()).port;

  it.each([
    ['127.0.0.1', '/mis-cursos', '/entrar?next=%2Fmis-cursos'],
    ['localhost', '/mis-cursos', '/entrar?next=%2Fmis-cursos'],
    ['127.0.0.1', LESSON, `${DEMO}?aviso=inscribete`],
    ['localhost', LESSON, `${DEMO}?aviso=inscribete`],
  ])('signed out, %s%s → the same host%s', async (name, path, target) => {
    const host = `${name}:${port()}`;
    const res = await requestFrom('127.0.0.1', `${web()}${path}`, { headers: { host } });
    expect(res.status).toBe(307);
    expect(landing(res.headers.location, host)).toBe(`http://${host}${target}`);
  });
});

describe('a `next` never leads off the site', () => {
  const tricks = [
    '/.//evil.example',
    '//evil.example',
    '/\\evil.example',
    '/%2F%2Fevil.example',
    '/\t/evil.example',
    'https://evil.example',
  ];

  let token: string;
  beforeAll(async () => {
    token = await tokenOf(STUDENT);
  });

  it.each(tricks)('signed in, /entrar?next=%j goes to My courses', async (next) => {
    const res = await fetch(`${web()}/entrar?${new URLSearchParams({ next })}`, {
      headers: { cookie: `aula_access=${token}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location') ?? '', web()).href).toBe(`${web()}/mis-cursos`);
  });

  it.each(tricks)('signing in with next=%j lands on My courses', async (next) => {
    const body = await actionForm('/entrar', '', 'name="password"', { ...STUDENT, next });
    const res = await fetch(`${web()}/entrar`, {
      method: 'POST',
      headers: { origin: web(), 'sec-fetch-site': 'same-origin' },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location') ?? '', web()).href).toBe(`${web()}/mis-cursos`);
  });

  it('the language switcher goes back only to a Referer of the site, and never off it', async () => {
    const post = (referer: string) =>
      fetch(`${web()}/idioma`, {
        method: 'POST',
        body: new URLSearchParams({ locale: 'en' }),
        headers: { referer },
        redirect: 'manual',
      });
    // A Referer of another site (and no Origin) is a cross-site request: refused before it redirects.
    expect((await post('https://evil.example/x')).status).toBe(403);
    const tricked = await post(`${web()}/.//evil.example`);
    expect(tricked.status).toBe(303);
    expect(tricked.headers.get('location')).toBe('/');
    const back = await post(`${web()}/cursos?q=python`);
    expect(back.headers.get('location')).toBe('/cursos?q=python');
  });
});
