import { createGenerationQueue, jobId } from '@aula/jobs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, newCourse, ok, tokens } from './helpers.ts';

type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
const stack = inject('stack');
const queue = createGenerationQueue({ redisUrl: stack.redisUrl, prefix: stack.redisPrefix });

const valid = { topic: 'Hojas de cálculo para la vida diaria', language: 'es', lessonCount: 3 };

beforeAll(async () => {
  t = await tokens();
});
afterAll(async () => {
  await queue.close();
});

/** Everyone who is not staff, and what the course API answers them: not signed in, or not allowed. */
const NOT_STAFF = [
  ['anonymous', 401],
  ['student', 403],
  ['pipeline', 403],
  ['generator', 403],
] as const;

describe('POST /aula/courses/generate', () => {
  it.each([
    [{}, 'topic'],
    [{ ...valid, topic: 'x' }, 'topic'],
    [{ ...valid, language: 'fr' }, 'language'],
    [{ ...valid, lessonCount: 0 }, 'lessonCount'],
    [{ ...valid, lessonCount: 21 }, 'lessonCount'],
    [{ ...valid, lessonCount: 2.5 }, 'lessonCount'],
    [{ ...valid, provider: 'skynet' }, 'provider'],
    [{ ...valid, costCapUsd: -1 }, 'costCapUsd'],
    [{ ...valid, surprise: true }, '(body)'],
  ])('rejects %j with 400 naming %s, and stores nothing', async (body, field) => {
    const before = await ok(t.admin, 'GET', '/items/generation_runs?aggregate[count]=id');
    const res = await call(t.editor, 'POST', '/aula/courses/generate', body);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID');
    expect(res.errors?.[0]?.extensions?.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await ok(t.admin, 'GET', '/items/generation_runs?aggregate[count]=id')).toEqual(before);
  });

  it.each([
    ['anonymous', 401],
    ['student', 403],
    ['generator', 403],
  ] as const)('refuses %s with %i', async (actor, status) => {
    const res = await call(t[actor], 'POST', '/aula/courses/generate', valid);
    expect(res.status).toBe(status);
  });

  it('stores the course and its run in Directus, then queues the outline job', async () => {
    const res = await call(t.editor, 'POST', '/aula/courses/generate', {
      ...valid,
      costCapUsd: 0.5,
      level: 'beginner',
    });
    expect(res.status).toBe(202);
    const { runId, courseId } = res.data;
    const course = await ok(t.admin, 'GET', `/items/courses/${courseId}?fields=status,language,title,slug`);
    expect(course).toMatchObject({ status: 'generating', language: 'es', title: valid.topic });
    expect(course.slug).toMatch(/^hojas-de-calculo-para-la-vida-diaria-[0-9a-f]{6}$/);
    const run = await ok(
      t.admin,
      'GET',
      `/items/generation_runs/${runId}?fields=id,status,request,cost_cap_usd,course,provider,model,progress_total`,
    );
    expect(run).toMatchObject({ status: 'queued', cost_cap_usd: 0.5, course: courseId });
    expect(run.request).toMatchObject({ kind: 'course', ...valid });
    // The outline's job carries the run as stored (its provider call starts without reading it).
    const job = await queue.queue.getJob(jobId('outline', { runId }));
    expect(job?.data).toEqual({ runId, ahead: { run } });
  });

  it('accepts the Pipeline service account (n8n)', async () => {
    const res = await call(t.pipeline, 'POST', '/aula/courses/generate', valid);
    expect(res.status).toBe(202);
  });
});

describe('runs', () => {
  it('shows a run with its progress, and cancels it once', async () => {
    const { runId, courseId } = (await call(t.editor, 'POST', '/aula/courses/generate', valid)).data;
    const run = await ok(t.editor, 'GET', `/aula/runs/${runId}`);
    expect(run).toMatchObject({ id: runId, courseId, status: 'queued', progress: { done: 0, total: 11 }, steps: [] });
    expect((await call(t.student, 'GET', `/aula/runs/${runId}`)).status).toBe(403);
    expect((await call(t.editor, 'GET', '/aula/runs/not-a-uuid')).status).toBe(404);
    expect((await call(t.editor, 'GET', '/aula/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const cancelled = await ok(t.editor, 'POST', `/aula/runs/${runId}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expect((await ok(t.admin, 'GET', `/items/courses/${courseId}?fields=status`)).status).toBe('draft');
    const again = await call(t.editor, 'POST', `/aula/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
  });

  it('retries only failed or cancelled runs, for content managers', async () => {
    const { runId, courseId } = (await call(t.editor, 'POST', '/aula/courses/generate', valid)).data;
    for (const [actor, status] of NOT_STAFF) {
      expect((await call(t[actor], 'POST', `/aula/runs/${runId}/retry`)).status).toBe(status);
    }
    const queued = await call(t.editor, 'POST', `/aula/runs/${runId}/retry`);
    expect(queued.status).toBe(409);
    expect(queued.errors?.[0]?.message).toMatch(/only a failed or cancelled run/);
    const scan = await ok(t.admin, 'POST', '/items/generation_runs', {
      status: 'failed',
      request: { kind: 'scan', language: 'es', maxProposals: 5, itemCount: 3 },
    });
    expect((await call(t.editor, 'POST', `/aula/runs/${scan.id}/retry`)).status).toBe(409);

    // A cancelled course run goes back to the queue, its course to generating.
    await ok(t.editor, 'POST', `/aula/runs/${runId}/cancel`);
    await queue.queue.remove(jobId('outline', { runId }));
    // Published since (a draft may be published): a retry would hide it again, so it is refused.
    await ok(t.admin, 'PATCH', `/items/courses/${courseId}`, { status: 'published' });
    const hiding = await call(t.editor, 'POST', `/aula/runs/${runId}/retry`);
    expect(hiding.status).toBe(409);
    expect(hiding.errors?.[0]?.message).toMatch(/course is published/);
    await ok(t.admin, 'PATCH', `/items/courses/${courseId}`, { status: 'draft' });
    const retried = await call(t.editor, 'POST', `/aula/runs/${runId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.data).toMatchObject({ status: 'queued', error: null, finishedAt: null });
    expect((await queue.queue.getJob(jobId('outline', { runId })))?.data).toEqual({ runId });
  });

  it('accepts or discards a finished regeneration: staff only, once, and never a course run', async () => {
    const course = await newCourse(t.admin, 'Curso para decidir', 'in_review');
    const body = '## Antes\n\nEl texto que había.';
    const module = await ok(t.admin, 'POST', '/items/modules', { course: course.id, title: 'Módulo', sort: 1 });
    const lesson = await ok(t.admin, 'POST', '/items/lessons', {
      course: course.id,
      module: module.id,
      slug: 'decidir',
      title: 'Decidir',
      body,
    });
    const regeneration = (status: string, result: unknown) =>
      ok(t.admin, 'POST', '/items/generation_runs', {
        course: course.id,
        status,
        request: { kind: 'lesson', lessonId: lesson.id, instruction: 'más corto' },
        progress_total: 1,
        result,
      });
    const finished = await regeneration('completed', {
      kind: 'lesson',
      lessonId: lesson.id,
      before: { body },
      after: { body: '## Después\n\nOtro texto.' },
    });

    for (const [actor, status] of NOT_STAFF) {
      for (const decision of ['accept', 'discard']) {
        expect((await call(t[actor], 'POST', `/aula/runs/${finished.id}/${decision}`)).status).toBe(status);
      }
    }
    // Staff see the versions; the Pipeline account sees the run without them (answer keys live there).
    expect((await ok(t.editor, 'GET', `/aula/runs/${finished.id}`)).result.after.body).toMatch(/Después/);
    expect((await ok(t.pipeline, 'GET', `/aula/runs/${finished.id}`)).result).toBeUndefined();

    const pending = await regeneration('running', null);
    expect((await call(t.editor, 'POST', `/aula/runs/${pending.id}/accept`)).status).toBe(409);
    const { runId: courseRun } = (await call(t.editor, 'POST', '/aula/courses/generate', valid)).data;
    expect((await call(t.editor, 'POST', `/aula/runs/${courseRun}/accept`)).status).toBe(409);
    expect((await call(t.editor, 'POST', '/aula/runs/not-a-uuid/discard')).status).toBe(404);

    const discarded = await ok(t.editor, 'POST', `/aula/runs/${finished.id}/discard`);
    expect(discarded).toMatchObject({ decision: 'discarded', request: { kind: 'lesson' } });
    const late = await call(t.admin, 'POST', `/aula/runs/${finished.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.errors?.[0]?.message).toMatch(/already discarded/);
    expect((await ok(t.admin, 'GET', `/items/lessons/${lesson.id}?fields=body`)).body).toBe(body);
  });
});

describe('publish and regenerate', () => {
  it('publishes only a course whose lessons all have text, and only for content managers', async () => {
    const [demo] = await ok(t.admin, 'GET', '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id');
    await ok(t.admin, 'PATCH', `/items/courses/${demo.id}`, { status: 'in_review' });
    expect((await call(t.student, 'POST', `/aula/courses/${demo.id}/publish`)).status).toBe(403);
    const published = await ok(t.editor, 'POST', `/aula/courses/${demo.id}/publish`);
    expect(published).toEqual({ id: demo.id, status: 'published' });

    const { courseId } = (await call(t.editor, 'POST', '/aula/courses/generate', valid)).data;
    const res = await call(t.editor, 'POST', `/aula/courses/${courseId}/publish`);
    expect(res.status).toBe(409);
  });

  it('archives a published course for content managers only: out of the catalogue, history kept', async () => {
    // A course of its own: the demo course is shared with the other test files running alongside.
    const demo = await newCourse(t.admin, 'Curso para archivar', 'published');
    const enrolled = await call(t.student, 'POST', `/aula/courses/${demo.id}/enroll`, {});
    expect(enrolled.status).toBe(200);
    expect((await call(t.student, 'POST', `/aula/courses/${demo.id}/archive`)).status).toBe(403);
    expect((await call(t.editor, 'POST', '/aula/courses/not-a-uuid/archive')).status).toBe(404);
    expect(await ok(t.editor, 'POST', `/aula/courses/${demo.id}/archive`)).toEqual({ id: demo.id, status: 'archived' });
    // Only a published course can be archived.
    expect((await call(t.editor, 'POST', `/aula/courses/${demo.id}/archive`)).status).toBe(409);
    // Gone for visitors; the student's enrolment is still in their progress.
    const anonymous = await fetch(`${stack.url}/items/courses?filter[id][_eq]=${demo.id}&fields=id`);
    expect(((await anonymous.json()) as { data: unknown[] }).data).toEqual([]);
    const progress = await ok(t.student, 'GET', '/aula/me/progress');
    expect(progress.courses.map((c: { courseId: string }) => c.courseId)).toContain(demo.id);
  });

  it('queues a lesson regeneration as a one-step run, and validates the instruction', async () => {
    const [lesson] = await ok(
      t.admin,
      'GET',
      '/items/lessons?filter[course][slug][_eq]=primeros-pasos-con-python&fields=id,quizzes.id&limit=1',
    );
    expect((await call(t.editor, 'POST', `/aula/lessons/${lesson.id}/regenerate`, { instruction: '' })).status).toBe(
      400,
    );
    expect(
      (await call(t.student, 'POST', `/aula/lessons/${lesson.id}/regenerate`, { instruction: 'más ejemplos' })).status,
    ).toBe(403);
    const res = await call(t.editor, 'POST', `/aula/lessons/${lesson.id}/regenerate`, { instruction: 'más ejemplos' });
    expect(res.status).toBe(202);
    const run = await ok(t.editor, 'GET', `/aula/runs/${res.data.runId}`);
    expect(run.request).toMatchObject({ kind: 'lesson', lessonId: lesson.id, instruction: 'más ejemplos' });
    expect(run.progress.total).toBe(1);
    expect(await queue.queue.getJob(jobId('regenerate-lesson', { runId: run.id, lessonId: lesson.id }))).toBeTruthy();

    const busy = await call(t.editor, 'POST', `/aula/quizzes/${lesson.quizzes[0].id}/regenerate`, {
      instruction: 'más fácil',
    });
    expect(busy.status).toBe(409);
  });
});

describe('GET /aula/me', () => {
  it('answers who the course API takes the caller for, and only to someone signed in', async () => {
    const me = await ok(t.student, 'GET', '/aula/me');
    const users = await ok(t.student, 'GET', '/users/me?fields=id');
    expect(me).toEqual({ id: users.id, roles: ['Student'] });
    expect((await ok(t.editor, 'GET', '/aula/me')).roles).toEqual(['Content Manager']);
    expect((await ok(t.admin, 'GET', '/aula/me')).roles).toContain('Administrator');
    expect((await call(null, 'GET', '/aula/me')).status).toBe(401);
    expect((await call('not-a-token', 'GET', '/aula/me')).status).toBe(401);
  });
});
