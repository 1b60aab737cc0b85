import { accessToken, TEST_PASSWORD } from '@aula/test-stack';
import { outlineOf } from '@aula/testkit';
import type { Locator } from 'playwright-core';
import { inject } from 'vitest';
import { emulator } from './tutor-helpers.ts';

export const EDITOR = { email: 'editor@example.com', password: TEST_PASSWORD };
export const STUDENT = { email: 'student@example.com', password: TEST_PASSWORD };

/** A Directus access token for one of the test stack's people. */
export const tokenOf = (person: { email: string; password: string }) => accessToken(inject('web').directusUrl, person);

/** Requests a course straight from the course API (for tests about watching a run, not requesting it). */
export async function generateCourse(token: string, body: Record<string, unknown>): Promise<{ runId: string }> {
  const res = await fetch(`${inject('web').directusUrl}/aula/courses/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ language: 'es', ...body }),
  });
  if (res.status !== 202) throw new Error(`generate: ${res.status} ${await res.text()}`);
  return (await res.json()) as { runId: string };
}

const markdown = `## Presupuesto\n\n${'Anotar ingresos y gastos cada semana ayuda a decidir mejor. '.repeat(6)}`;

/**
 * The generation model answers a `lessons`-lesson course, each call after `delayMs` (so a person can
 * watch it progress); quizzes come from the emulator's default answer (sampled from the schema).
 */
export async function scriptCourse({ lessons, title, delayMs }: { lessons: number; title: string; delayMs: number }) {
  const emu = emulator();
  const model = inject('generationModel');
  await emu.reset();
  await emu.script({ model, body: /instructional designer/ }, { json: outlineOf(lessons, title), delayMs });
  for (let i = 0; i < lessons; i++) {
    await emu.script({ model, body: /write one lesson/ }, { json: { markdown }, delayMs });
    await emu.script({ model, body: /multiple-choice quiz/ }, { delayMs });
  }
}

/** The generation model refuses the key at the outline: the run fails at once (not retryable). */
export async function scriptRefusedKey() {
  const emu = emulator();
  await emu.reset();
  await emu.script(
    { model: inject('generationModel'), body: /instructional designer/ },
    { status: 401, message: 'Incorrect API key provided: sk-test.' },
  );
}

/** Waits until a run has finished (completed, failed or cancelled), asking the course API. */
export async function waitForRun(
  token: string,
  runId: string,
  timeoutMs = 60_000,
): Promise<{ status: string; courseId?: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${inject('web').directusUrl}/aula/runs/${runId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const run = (await res.json()) as { status: string; courseId?: string };
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The next quiz the generation model writes: four questions whose prompts start with `prefix`. They
 * pass the quiz checks on a lesson of scriptCourse (a "Presupuesto" section); on another lesson the
 * fix call (decision 020) answers the same four, so the version to review is still this one.
 */
export async function scriptQuiz(prefix: string) {
  const questions = Array.from({ length: 4 }, (_, i) => ({
    prompt: `${prefix} ${i + 1}?`,
    options: ['uno', 'dos', 'tres', 'cuatro'],
    correctOption: i % 4,
    explanation: 'Porque la lección lo explica así.',
    lessonSection: 'presupuesto',
  }));
  const emu = emulator();
  await emu.reset();
  const model = inject('generationModel');
  await emu.script({ model, body: /multiple-choice quiz/ }, { json: { questions } });
  await emu.script({ model, body: /You rewrite some questions/ }, { json: { questions } });
}

/** Asks, in the review, for a new version of `lesson`'s quiz following `instruction`; gives the diff once it shows. */
export async function regenerateQuiz(lesson: Locator, instruction: string): Promise<Locator> {
  await lesson.getByRole('button', { name: 'Regenerar el cuestionario' }).click();
  await lesson.getByLabel('Instrucción para la IA').fill(instruction);
  await lesson.getByRole('button', { name: 'Regenerar', exact: true }).click();
  const diff = lesson.locator('table.diff').first();
  await diff.waitFor({ timeout: 30_000 });
  return diff;
}
