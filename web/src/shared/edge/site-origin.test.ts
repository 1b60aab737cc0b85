import { beforeAll, describe, expect, it, vi } from 'vitest';

// The middleware's redirects are absolute (Next requires it there): their origin is the one the person
// used, as web/server.ts wrote it into X-Forwarded-Host/-Proto, else AULA_PUBLIC_URL; never Next's
// own name for itself (`localhost`, also when the site was opened as 127.0.0.1).
vi.stubEnv('AULA_PUBLIC_URL', 'https://aula.example.org/');
vi.mock('next/navigation', () => ({ redirect: () => undefined }));

let siteOrigin: typeof import('./site-origin.ts').siteOrigin;
let middlewareRedirect: typeof import('./redirect.ts').middlewareRedirect;
beforeAll(async () => {
  (await import('./edge-marker.ts')).markEdge();
  ({ siteOrigin } = await import('./site-origin.ts'));
  ({ middlewareRedirect } = await import('./redirect.ts'));
});

const headers = (values: Record<string, string>) => new Headers(values);

describe('siteOrigin', () => {
  it.each([
    [
      { host: 'localhost:3000', 'x-forwarded-host': '127.0.0.1:3000', 'x-forwarded-proto': 'http' },
      'http://127.0.0.1:3000',
    ],
    [{ host: 'localhost:3000', 'x-forwarded-host': 'localhost:3000' }, 'http://localhost:3000'],
    [{ 'x-forwarded-host': 'aula.school.example', 'x-forwarded-proto': 'https' }, 'https://aula.school.example'],
    [{ 'x-forwarded-host': '[::1]:3000' }, 'http://[::1]:3000'],
    [{ host: '127.0.0.1:3000' }, 'http://127.0.0.1:3000'],
    // No usable host named: the configured public address.
    [{ 'x-forwarded-host': 'evil.example/path' }, 'https://aula.example.org'],
    [{ 'x-forwarded-host': 'user@evil.example' }, 'https://aula.example.org'],
    [{}, 'https://aula.example.org'],
  ])('%j → %s', (values, origin) => {
    expect(siteOrigin(headers(values))).toBe(origin);
  });
});

describe('middlewareRedirect', () => {
  const at127 = headers({ host: 'localhost:3000', 'x-forwarded-host': '127.0.0.1:3000', 'x-forwarded-proto': 'http' });

  it.each([
    ['/entrar?next=%2Fmis-cursos', 'http://127.0.0.1:3000/entrar?next=%2Fmis-cursos'],
    ['/cursos/python?aviso=inscribete', 'http://127.0.0.1:3000/cursos/python?aviso=inscribete'],
    // Off-site targets never leave: the fallback instead.
    ['//evil.example/x', 'http://127.0.0.1:3000/'],
    ['https://evil.example/', 'http://127.0.0.1:3000/'],
    ['/\\evil.example', 'http://127.0.0.1:3000/'],
  ])('%s → %s, a 307 on the host the person used', (target, location) => {
    const response = middlewareRedirect(at127, target);
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(location);
  });
});
