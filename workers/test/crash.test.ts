import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { items } from '@aula/data';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';

/**
 * A worker process killed with SIGKILL in the middle of a run: its jobs' locks expire, another
 * worker takes them over, the run completes, and nothing is written twice.
 */
let h: Harness;
const children: ChildProcess[] = [];
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function spawnWorker(env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

beforeAll(async () => {
  // This file's own in-process workers stay out of the way: the run is served by child processes.
  h = await startHarness();
  await h.stopWorkers();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await h?.stop();
});

it('a run survives a worker killed with SIGKILL, without duplicates', async () => {
  h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(4) });
  // Every lesson takes a while, so the kill lands while lessons are being written.
  for (let i = 0; i < 4; i++) h.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { delayMs: 1_500 });

  const first = spawnWorker(h.workerEnv);
  const { runId, courseId } = await h.generate({ lessonCount: 4 });
  for (;;) {
    const run = await h.api.request<any>('GET', `/aula/runs/${runId}`);
    if (run.steps.some((s: any) => s.kind === 'lesson' && s.status === 'running')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  spawnWorker(h.workerEnv);
  const run = await h.waitForRun(runId, ['completed', 'failed', 'cancelled'], 80_000);
  expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
  expect(run.steps).toHaveLength(3 * 4 + 2);
  expect(run.steps.filter((s: any) => s.kind === 'lesson').some((s: any) => s.attempts >= 2)).toBe(true);

  const modules = await items(h.admin, 'modules').list({ filter: { course: { _eq: courseId } }, fields: ['id'] });
  const lessons = await items(h.admin, 'lessons').list({
    filter: { course: { _eq: courseId } },
    fields: ['id', 'body'],
  });
  const quizzes = await items(h.admin, 'quizzes').list({
    filter: { course: { _eq: courseId } },
    fields: ['id', 'questions'],
  });
  expect(modules).toHaveLength(2);
  expect(lessons).toHaveLength(4);
  expect(lessons.every((l) => (l.body as string).length > 0)).toBe(true);
  expect(quizzes).toHaveLength(4);
  for (const quiz of quizzes) expect((quiz.questions as string[]).length).toBe(4);
}, 120_000);
