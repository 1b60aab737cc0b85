import type { Page } from 'playwright-core';
import { unique } from './admin.ts';

export const PASSWORD = 'Una-Clave-Larga-2026';
export const DEMO_PATH = '/cursos/primeros-pasos-con-python';

export type Student = { name: string; email: string; password: string };

export const newStudent = (name = 'Lucía'): Student => ({
  name,
  email: `${unique('alumna')}@example.com`,
  password: PASSWORD,
});

/** Signs up through /registro and waits for "My courses", where a new account lands. */
export async function signUp(page: Page, student: Student = newStudent()): Promise<Student> {
  await page.goto('/registro');
  await page.getByLabel('Nombre', { exact: true }).fill(student.name);
  await page.getByLabel('Correo electrónico', { exact: true }).fill(student.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(student.password);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.waitForURL('**/mis-cursos');
  return student;
}

/** Fills the sign-in form on the page in front and sends it. */
export async function submitSignIn(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Correo electrónico', { exact: true }).fill(person.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** Signs in through /entrar (asking to go on to `next`) and waits for where it leads: `next`, or "My courses". */
export async function signIn(page: Page, person: { email: string; password: string }, next?: string): Promise<void> {
  await page.goto(next ? `/entrar?next=${next}` : '/entrar');
  await submitSignIn(page, person);
  await page.waitForURL((url) => url.pathname === (next ?? '/mis-cursos'));
}

/** Enrols from a course page and waits for its first lesson, where enrolling leads. */
export async function enrol(page: Page, coursePath: string): Promise<void> {
  await page.goto(coursePath);
  await page.getByRole('button', { name: 'Inscribirme en el curso' }).click();
  await page.waitForURL(`**${coursePath}/lecciones/**`);
  // The URL changes while the loading state still shows: wait for the lesson itself.
  await page.locator('#lesson-body').waitFor();
}

/** Picks, in each question of the lesson's quiz, the option `choose` says (by position). */
export async function answerQuiz(page: Page, choose: (question: number) => number): Promise<void> {
  const groups = page.getByRole('group', { name: /^Pregunta \d+ de \d+/ });
  await groups.first().waitFor();
  for (const [index, group] of (await groups.all()).entries()) {
    await group.getByRole('radio').nth(choose(index)).check();
  }
  await page.getByRole('button', { name: 'Enviar respuestas' }).click();
}

/** The text of the element that has focus. */
export const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/**
 * How long to wait for the focus to land: the site moves it in an effect or the next animation frame
 * after the action, so reading it the moment a click returns races the page. Where the action is a
 * server round trip (a review answer graded, a quiz submitted) the focus lands when the answer does:
 * on a loaded machine (a whole `npm test` at load 10+) that took over 5 s, so the wait is the
 * integration project's poll limit, 15 s (it ends as soon as the focus is there).
 */
export const FOCUS = { timeout: 15_000, interval: 50 } as const;
