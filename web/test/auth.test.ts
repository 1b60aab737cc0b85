import { freePort, type RunningWeb, startWeb } from '@aula/test-stack';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserForFile, newContext } from './browser.ts';
import { DEMO_PATH, FOCUS, focusedText, newStudent, PASSWORD, signIn, signUp, submitSignIn } from './student.ts';

const browser = browserForFile();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await newContext(browser());
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

const alert = () => page.getByRole('alert');
const sessionCookies = async () => (await context.cookies()).filter((c) => /^aula_(access|refresh)$/.test(c.name));

describe('sign in', () => {
  it('says when the e-mail or the password is wrong, keeps the e-mail, and focuses the message', async () => {
    await page.goto('/entrar');
    await submitSignIn(page, { email: 'student@example.com', password: 'no-es-esta-clave' });
    await alert().getByText('El correo o la contraseña no son correctos.').waitFor();
    await expect.poll(() => focusedText(page), FOCUS).toBe('El correo o la contraseña no son correctos.');
    expect(await page.getByLabel('Correo electrónico', { exact: true }).inputValue()).toBe('student@example.com');
    expect(await page.getByLabel('Contraseña', { exact: true }).inputValue()).toBe('');
    expect(await sessionCookies()).toEqual([]);
  });

  it('marks empty fields and focuses the first one', async () => {
    await page.goto('/entrar');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await alert().getByText('Revisa los campos marcados.').waitFor();
    const email = page.getByLabel('Correo electrónico', { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), FOCUS).toBe('email');
    expect(await page.locator('#email-problem').textContent()).toBe('Este campo es obligatorio.');
  });

  it('comes back to the page it was asked from, signed in', async () => {
    await page.goto(DEMO_PATH);
    await page.getByRole('link', { name: 'Entrar para inscribirme' }).click();
    await page.waitForURL('**/entrar?next=**');
    await submitSignIn(page, { email: 'student2@example.com', password: 'Test-Password-2026!' });
    await page.waitForURL((url) => url.pathname === DEMO_PATH);
    await page.locator('header.site-header').getByText('Mateo').waitFor();
  });

  it('speaks English with the locale cookie', async () => {
    await context.addCookies([{ name: 'aula_locale', value: 'en', url: inject('web').url }]);
    await page.goto('/entrar');
    await page.getByLabel('E-mail', { exact: true }).fill('student@example.com');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await alert().getByText('The e-mail or the password is not correct.').waitFor();
  });
});

describe('sign up', () => {
  it('refuses a taken e-mail: "Ya existe una cuenta con ese correo"', async () => {
    await page.goto('/registro');
    await page.getByLabel('Nombre', { exact: true }).fill('Otra Persona');
    await page.getByLabel('Correo electrónico', { exact: true }).fill('Student@Example.com');
    await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await alert().getByText('Ya existe una cuenta con ese correo.').waitFor();
    expect(await alert().getByRole('link', { name: 'Entra con ella' }).getAttribute('href')).toBe('/entrar');
    expect(await sessionCookies()).toEqual([]);
  });

  it('refuses empty and weak fields, each with its reason', async () => {
    await page.goto('/registro');
    await page.getByLabel('Correo electrónico', { exact: true }).fill('no-es-un-correo');
    await page.getByLabel('Contraseña', { exact: true }).fill('corta');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await alert().getByText('Revisa los campos marcados.').waitFor();
    expect(await page.locator('#name-problem').textContent()).toBe('Este campo es obligatorio.');
    expect(await page.locator('#email-problem').textContent()).toBe(
      'Escribe un correo válido, por ejemplo nombre@ejemplo.com.',
    );
    expect(await page.locator('#password-problem').textContent()).toBe('La contraseña es demasiado corta.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), FOCUS).toBe('name');
    expect(await page.getByLabel('Contraseña', { exact: true }).getAttribute('aria-describedby')).toBe(
      'password-problem password-hint',
    );
  });
});

describe('sign-up with e-mail verification', () => {
  it('says to open the link in the mail (es/en) instead of signing in', async () => {
    const { directusUrl } = inject('web');
    // A second web server, told (as by npm start) that sign-ups verify their e-mail.
    const verifying = await startWeb({ directusUrl, env: { AULA_SIGNUP_VERIFY_EMAIL: 'true' } });
    try {
      for (const [locale, button, text] of [
        ['es', 'Crear cuenta', 'Casi listo: te hemos enviado un correo a'],
        ['en', 'Create account', 'Almost done: we have sent a message to'],
      ] as const) {
        await context.clearCookies();
        await context.addCookies([{ name: 'aula_locale', value: locale, url: verifying.url }]);
        const student = newStudent('Verónica');
        await page.goto(`${verifying.url}/registro`);
        await page.locator('#name').fill(student.name);
        await page.locator('#email').fill(student.email);
        await page.locator('#password').fill(student.password);
        await page.getByRole('button', { name: button }).click();
        const status = page.getByRole('status').filter({ hasText: text });
        await status.waitFor();
        expect(await status.textContent()).toContain(student.email);
        expect(new URL(page.url()).pathname).toBe('/registro');
        expect((await context.cookies()).filter((c) => /^aula_(access|refresh)$/.test(c.name))).toEqual([]);
      }
    } finally {
      await verifying.stop();
    }
  });
});

describe('sign-up limits', () => {
  it('count each person (their address), and past five a minute say to wait', async () => {
    for (let i = 0; i < 5; i++) {
      await signUp(page, newStudent(`Persona ${i}`));
      await context.clearCookies();
    }
    await page.goto('/registro');
    await page.getByLabel('Nombre', { exact: true }).fill('Sexta');
    await page.getByLabel('Correo electrónico', { exact: true }).fill(newStudent().email);
    await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await alert().getByText('Demasiados intentos seguidos. Espera un minuto y vuelve a probar.').waitFor();
    // Someone else, from another address, signs up at the same moment.
    const other = await newContext(browser());
    await signUp(await other.newPage());
    await other.close();
  });
});

describe('the session', () => {
  it('lives only in httpOnly, SameSite=Lax cookies: no token reaches page scripts or storage', async () => {
    await signUp(page);
    const cookies = await sessionCookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite, c.secure])).toEqual([
      ['aula_access', true, 'Lax', false],
      ['aula_refresh', true, 'Lax', false],
    ]);
    const seen = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      html: document.documentElement.outerHTML,
    }));
    for (const { value } of cookies) {
      expect(seen.cookie).not.toContain(value);
      expect(seen.storage).not.toContain(value);
      expect(seen.html).not.toContain(value);
    }
  });

  it('is refreshed on the server when the access token is gone or broken', async () => {
    const student = await signUp(page, newStudent('Nora'));
    await page.goto('about:blank');
    const before = (await sessionCookies()).find((c) => c.name === 'aula_refresh')?.value;
    await context.clearCookies({ name: 'aula_access' });
    await page.goto('/mis-cursos');
    expect(new URL(page.url()).pathname).toBe('/mis-cursos');
    await page.locator('header.site-header').getByText(student.name).waitFor();
    const after = await sessionCookies();
    expect(after.map((c) => c.name)).toEqual(['aula_access', 'aula_refresh']);
    expect(after.find((c) => c.name === 'aula_refresh')?.value).not.toBe(before);

    await context.addCookies([{ name: 'aula_access', value: 'broken', url: inject('web').url }]);
    await page.goto('/mis-cursos');
    expect(new URL(page.url()).pathname).toBe('/mis-cursos');
    expect((await sessionCookies()).find((c) => c.name === 'aula_access')?.value).not.toBe('broken');
  });

  it('ends when Directus refuses the refresh token', async () => {
    await signUp(page, newStudent('Olga'));
    // Off the site first: a prefetch still in flight would refresh with the real token and win.
    await page.goto('about:blank');
    await context.clearCookies({ name: 'aula_access' });
    await context.addCookies([{ name: 'aula_refresh', value: 'revoked', url: inject('web').url }]);
    await page.goto('/mis-cursos');
    await page.waitForURL('**/entrar?next=%2Fmis-cursos');
    expect(await sessionCookies()).toEqual([]);
  });

  it('signs out: Directus forgets the refresh token, and signing in again works', async () => {
    const student = await signUp(page, newStudent('Pilar'));
    const refresh = (await sessionCookies()).find((c) => c.name === 'aula_refresh')!.value;
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await sessionCookies()).toEqual([]);
    const res = await fetch(`${inject('web').directusUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refresh, mode: 'json' }),
    });
    expect(res.status).toBe(401);
    await signIn(page, student);
  });

  it('sets Secure cookies when the site is reached over https', async () => {
    const res = await fetch(`${inject('web').url}/salir`, {
      method: 'POST',
      headers: { 'x-forwarded-proto': 'https' },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/i);
    for (const cookie of cookies) expect(cookie).toMatch(/; HttpOnly; SameSite=lax/i);
  });
});

describe('when Directus is down', () => {
  let down: RunningWeb;
  beforeAll(async () => {
    down = await startWeb({ directusUrl: `http://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => down?.stop());

  it('sign-in and sign-up say so in a plain sentence', async () => {
    for (const [path, button] of [
      ['/entrar', 'Entrar'],
      ['/registro', 'Crear cuenta'],
    ] as const) {
      await page.goto(`${down.url}${path}`);
      if (path === '/registro') await page.getByLabel('Nombre', { exact: true }).fill('Ana');
      await page.getByLabel('Correo electrónico', { exact: true }).fill('ana@example.com');
      await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: button }).click();
      await alert()
        .getByText('No podemos conectar con el servidor ahora mismo. Vuelve a intentarlo en unos minutos.')
        .waitFor();
    }
  });
});
