import { beforeAll, describe, expect, it } from 'vitest';
import { call, newCourse, ok, tokens, unique } from './helpers.ts';

type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;

beforeAll(async () => {
  t = await tokens();
});

/** A generating course with two lessons, its running run and the steps of the first lesson, as the admin. */
async function generating() {
  const course = await newCourse(t.admin, unique('Curso en marcha'), 'draft');
  const module = await ok(t.admin, 'POST', '/items/modules', { course: course.id, title: 'Módulo', sort: 1 });
  const lessons = await ok(
    t.admin,
    'POST',
    '/items/lessons',
    [1, 2].map((sort) => ({
      course: course.id,
      module: module.id,
      title: `Lección ${sort}`,
      slug: unique('l'),
      sort,
      estimated_minutes: 10 * sort,
    })),
  );
  const [first, second] = lessons.map((l: { id: string }) => l.id) as [string, string];
  const run = await ok(t.admin, 'POST', '/items/generation_runs', {
    course: course.id,
    status: 'running',
    request: { kind: 'course', topic: 'Curso en marcha', language: 'es', lessonCount: 2 },
  });
  const step = async (kind: string) =>
    (await ok(t.admin, 'POST', '/items/generation_steps', { run: run.id, kind, target: first, status: 'running' })).id;
  return {
    course: course.id as string,
    run: run.id as string,
    first,
    second,
    lessonStep: await step('lesson'),
    quizStep: await step('quiz'),
  };
}

const patch = (tokens = 10) => ({
  status: 'completed',
  provider: 'openai',
  model: 'gpt-4o-mini',
  tokens_in: tokens,
  tokens_out: tokens,
  cost_usd: 0.001,
  detail: null,
  prompt_version: 'test-1',
  finished_at: new Date().toISOString(),
});

const question = (prompt: string) => ({
  prompt,
  options: ['Sí', 'No', 'Quizá'],
  correctOption: 0,
  explanation: 'Porque sí.',
  lessonSection: null,
});

const stepOf = (id: string) =>
  ok(t.admin, 'GET', `/items/generation_steps/${id}?fields=status,tokens_in,prompt_version`);
const quizOf = async (lesson: string) =>
  ok(
    t.admin,
    'GET',
    `/items/quizzes?filter[lesson][_eq]=${lesson}&fields=id,title,course,questions.prompt,questions.sort&deep[questions][_sort]=sort`,
  );

describe("POST /aula/steps/:id/finish: a course's step finishes with what it made, in one transaction", () => {
  it('is for the generator account only', async () => {
    const g = await generating();
    const body = { patch: patch(), write: { kind: 'lesson', lessonId: g.first, body: '## Hola' } };
    for (const [actor, status] of [
      ['anonymous', 401],
      ['student', 403],
      ['editor', 403],
      ['pipeline', 403],
    ] as const) {
      expect((await call(t[actor], 'POST', `/aula/steps/${g.lessonStep}/finish`, body)).status).toBe(status);
    }
    expect((await stepOf(g.lessonStep)).status).toBe('running');
    expect((await ok(t.admin, 'GET', `/items/lessons/${g.first}?fields=body`)).body).toBeNull();
  });

  it("writes a lesson's text and its step's result together", async () => {
    const g = await generating();
    const res = await call(t.generator, 'POST', `/aula/steps/${g.lessonStep}/finish`, {
      patch: patch(42),
      write: { kind: 'lesson', lessonId: g.first, body: '## Hola\n\nTexto.' },
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ kept: true });
    expect(await stepOf(g.lessonStep)).toEqual({ status: 'completed', tokens_in: 42, prompt_version: 'test-1' });
    expect((await ok(t.admin, 'GET', `/items/lessons/${g.first}?fields=body`)).body).toBe('## Hola\n\nTexto.');
  });

  it("creates the lesson's quiz with its questions, and a retry replaces them as a whole (no duplicates)", async () => {
    const g = await generating();
    const finish = (prompts: string[]) =>
      ok(t.generator, 'POST', `/aula/steps/${g.quizStep}/finish`, {
        patch: patch(),
        write: {
          kind: 'quiz',
          lessonId: g.first,
          quiz: { course: g.course, title: 'Lección 1', pass_score: 70 },
          drafts: prompts.map(question),
        },
      });
    expect(await finish(['¿Uno?', '¿Dos?', '¿Tres?'])).toEqual({ kept: true });
    const [quiz] = await quizOf(g.first);
    expect(quiz).toMatchObject({ title: 'Lección 1', course: g.course });
    expect(quiz.questions.map((q: { prompt: string }) => q.prompt)).toEqual(['¿Uno?', '¿Dos?', '¿Tres?']);
    expect((await stepOf(g.quizStep)).status).toBe('completed');

    await finish(['¿Cuatro?', '¿Cinco?']);
    const again = await quizOf(g.first);
    expect(again).toHaveLength(1);
    expect(again[0].id).toBe(quiz.id);
    expect(again[0].questions.map((q: { prompt: string }) => q.prompt)).toEqual(['¿Cuatro?', '¿Cinco?']);
  });

  it('assemble sends the course to review with its length, only once every lesson has its text', async () => {
    const g = await generating();
    const assemble = (
      await ok(t.admin, 'POST', '/items/generation_steps', { run: g.run, kind: 'assemble', status: 'running' })
    ).id;
    const finish = () =>
      call(t.generator, 'POST', `/aula/steps/${assemble}/finish`, {
        patch: patch(0),
        write: { kind: 'assemble', courseId: g.course },
      });
    await ok(t.admin, 'PATCH', `/items/lessons/${g.first}`, { body: '## Uno' });
    const early = await finish();
    expect(early.status).toBe(409);
    expect(early.errors?.[0]?.message).toMatch(/1 lessons have no text yet/);
    expect((await stepOf(assemble)).status).toBe('running');
    expect((await ok(t.admin, 'GET', `/items/courses/${g.course}?fields=status`)).status).toBe('draft');

    await ok(t.admin, 'PATCH', `/items/lessons/${g.second}`, { body: '## Dos' });
    expect((await finish()).data).toEqual({ kept: true });
    expect((await stepOf(assemble)).status).toBe('completed');
    expect(await ok(t.admin, 'GET', `/items/courses/${g.course}?fields=status,estimated_minutes`)).toEqual({
      status: 'in_review',
      estimated_minutes: 30,
    });
  });

  it('writes nothing when the run was cancelled meanwhile: the result is dropped', async () => {
    const g = await generating();
    await ok(t.admin, 'PATCH', `/items/generation_runs/${g.run}`, { status: 'cancelled' });
    const res = await ok(t.generator, 'POST', `/aula/steps/${g.lessonStep}/finish`, {
      patch: patch(),
      write: { kind: 'lesson', lessonId: g.first, body: '## Tarde' },
    });
    expect(res).toEqual({ kept: false });
    expect((await stepOf(g.lessonStep)).status).toBe('running');
    expect((await ok(t.admin, 'GET', `/items/lessons/${g.first}?fields=body`)).body).toBeNull();
  });

  it("refuses a write about another lesson than the step's, or a result outside the ledger's fields", async () => {
    const g = await generating();
    const other = await call(t.generator, 'POST', `/aula/steps/${g.lessonStep}/finish`, {
      patch: patch(),
      write: { kind: 'lesson', lessonId: g.second, body: '## Otra' },
    });
    expect(other.status).toBe(400);
    const wrongKind = await call(t.generator, 'POST', `/aula/steps/${g.lessonStep}/finish`, {
      patch: patch(),
      write: { kind: 'quiz', lessonId: g.first, quiz: { course: g.course, title: 'x', pass_score: 70 }, drafts: [] },
    });
    expect(wrongKind.status).toBe(400);
    for (const bad of [
      { ...patch(), status: 'failed' },
      { ...patch(), error: 'x' },
    ]) {
      const res = await call(t.generator, 'POST', `/aula/steps/${g.lessonStep}/finish`, {
        patch: bad,
        write: { kind: 'lesson', lessonId: g.first, body: '## Hola' },
      });
      expect(res.status).toBe(400);
    }
    expect((await stepOf(g.lessonStep)).status).toBe('running');
    for (const lesson of [g.first, g.second])
      expect((await ok(t.admin, 'GET', `/items/lessons/${lesson}?fields=body`)).body).toBeNull();
    expect(await quizOf(g.first)).toEqual([]);
  });
});
