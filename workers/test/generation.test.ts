import { items } from '@aula/data';
import { createGenerationQueue } from '@aula/jobs';
import { LESSON_PROMPT_VERSION, OUTLINE_PROMPT_VERSION, QUIZ_PROMPT_VERSION } from '@aula/llm/prompts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, referencesFound, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const PROVIDERS = [
  { provider: 'gemini', model: 'gemini-2.5-flash', schemaField: 'responseJsonSchema' },
  { provider: 'groq', model: 'llama-3.1-8b-instant', schemaField: 'response_format' },
  { provider: 'openai', model: 'gpt-4o-mini', schemaField: 'response_format' },
  { provider: 'openrouter', model: 'openai/gpt-4.1-mini', schemaField: 'response_format' },
  { provider: 'gpt-oss', model: 'gpt-oss:20b', schemaField: 'response_format' },
] as const;

describe('a whole course, end to end', () => {
  it.each(PROVIDERS)('5 lessons through $provider', async ({ provider, model, schemaField }) => {
    h.emu.reset();
    h.emu.script({ model }, { json: outlineOf(5) });
    // Gemini takes no minLength in its schema: a real model writes a long lesson anyway, the sampler would not.
    const markdown = `## Presupuesto\n\n${'Anotar ingresos y gastos cada semana ayuda a decidir mejor. '.repeat(6)}`;
    for (let i = 0; i < 5; i++) h.emu.script({ model, body: /write one lesson/ }, { json: { markdown } });
    for (let i = 0; i < 5; i++) h.emu.script('browser-use', { json: referencesFound(h.emu.url) });

    const { runId, courseId } = await h.generate({ lessonCount: 5, provider, model });
    const run = await h.waitForRun(runId);
    expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
    expect(run.progress).toEqual({ done: 17, total: 17 });
    expect(run.steps).toHaveLength(17);
    for (const step of run.steps) expect(step.status).toBe('completed');
    const llmSteps = run.steps.filter((s: any) => ['outline', 'lesson', 'quiz'].includes(s.kind));
    expect(llmSteps).toHaveLength(11);
    for (const step of llmSteps) {
      expect(step).toMatchObject({ provider, model });
      expect(step.tokensIn).toBeGreaterThan(0);
    }
    expect(run.tokensIn).toBe(llmSteps.reduce((n: number, s: any) => n + s.tokensIn, 0));
    if (provider !== 'gpt-oss') expect(run.costUsd).toBeGreaterThan(0);

    const course = await h.courseContent(courseId);
    expect(course.status).toBe('in_review');
    expect(course.title).toBe('Finanzas personales para empezar');
    expect(course.estimated_minutes).toBe(10 + 11 + 12 + 13 + 14);
    expect(course.lessons).toHaveLength(5);
    for (const lesson of course.lessons) {
      expect(lesson.body.length).toBeGreaterThanOrEqual(200);
      expect(lesson.quizzes).toHaveLength(1);
      expect(lesson.quizzes[0].questions.length).toBeGreaterThanOrEqual(4);
      expect(lesson.references.map((r: any) => r.url).sort()).toEqual(
        [`${h.emu.url}/web/ok/ahorro`, `${h.emu.url}/web/ok/presupuesto`].sort(),
      );
    }
    const references = run.steps.filter((s: any) => s.kind === 'references');
    const detail = await items(h.admin, 'generation_steps').get(references[0].id, { fields: ['detail'] });
    expect(detail.detail).toMatchObject({ found: 4, kept: 2, dropped: 2 });
    // Each LLM step records the version of the prompt it sent.
    const versions = { outline: OUTLINE_PROMPT_VERSION, lesson: LESSON_PROMPT_VERSION, quiz: QUIZ_PROMPT_VERSION };
    const recorded = await items(h.admin, 'generation_steps').list({
      filter: { id: { _in: llmSteps.map((s: any) => s.id) } },
      fields: ['kind', 'prompt_version'],
    });
    expect(recorded).toHaveLength(llmSteps.length);
    for (const step of recorded) {
      expect(step.prompt_version).toBe(versions[step.kind as keyof typeof versions]);
    }

    // The JSON Schema went to the provider, not only a description in the prompt.
    const calls = h.emu.requests.filter((r) => r.model === model);
    // 11 steps' calls, and each quiz step's one fix call: the emulator's sampled quizzes fail the quiz checks.
    expect(calls.length).toBe(11 + 5);
    for (const call of calls) {
      const body = call.body as Record<string, any>;
      const schema =
        schemaField === 'responseJsonSchema'
          ? body.generationConfig?.responseJsonSchema
          : body.response_format?.json_schema?.schema;
      expect(schema?.type).toBe('object');
      if (provider === 'gpt-oss') expect(body.reasoning_effort).toBe('low');
    }
  });
});

describe('when providers misbehave', () => {
  it('repairs malformed output once and goes on', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { malformed: 'content' }, { json: outlineOf(1) });
    const { runId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    const outline = h.emu.requests.filter((r) => r.model === 'gpt-4o-mini').slice(0, 2);
    expect(JSON.stringify(outline[1]?.body)).toContain('not valid');
  });

  it('fails cleanly when the repair is malformed too, and says so on the step', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { malformed: 'content' }, { json: { title: 'incompleto' } });
    const { runId, courseId } = await h.generate({ lessonCount: 2 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/outline step failed/);
    const step = run.steps.find((s: any) => s.kind === 'outline');
    expect(step).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step.error).toMatch(/invalid|schema|JSON/i);
    expect((await h.courseContent(courseId)).status).toBe('draft');
  });

  it('trims a surplus of lessons: 16 returned for 3, the run completes with 3', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini', body: /instructional designer/ }, { json: outlineOf(16) });
    const { runId, courseId } = await h.generate({ lessonCount: 3 });
    const run = await h.waitForRun(runId);
    expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
    const course = await h.courseContent(courseId);
    expect(course.lessons.map((l: any) => l.title)).toEqual(
      [1, 2, 3].map((i) => `Lección ${i}: presupuesto paso ${i}`),
    );
    const outlineCalls = h.emu.requests.filter((r) =>
      String(JSON.stringify(r.body)).includes('instructional designer'),
    );
    expect(outlineCalls).toHaveLength(1);
    // The count went to the provider as minItems/maxItems on the flat list of lessons.
    const lessons = (outlineCalls[0]!.body as any).response_format.json_schema.schema.properties.lessons;
    expect(lessons).toMatchObject({ type: 'array', minItems: 3, maxItems: 3 });
  });

  it('asks again once for too few lessons and goes on when the second answer is right', async () => {
    h.emu.reset();
    h.emu.script(
      { model: 'gpt-4o-mini', body: /instructional designer/ },
      { json: outlineOf(2) },
      { json: outlineOf(3) },
    );
    const { runId, courseId } = await h.generate({ lessonCount: 3 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect((await h.courseContent(courseId)).lessons).toHaveLength(3);
    const outlineCalls = h.emu.requests.filter((r) =>
      String(JSON.stringify(r.body)).includes('instructional designer'),
    );
    expect(outlineCalls).toHaveLength(2);
    expect(JSON.stringify(outlineCalls[1]?.body)).toContain('exactly 3 lessons');
  });

  it('fails with a clear sentence when the lessons are still too few after asking again', async () => {
    h.emu.reset();
    h.emu.script(
      { model: 'gpt-4o-mini', body: /instructional designer/ },
      { json: outlineOf(2) },
      { json: outlineOf(2) },
    );
    const { runId, courseId } = await h.generate({ lessonCount: 3 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('failed');
    const step = run.steps.find((s: any) => s.kind === 'outline');
    expect(step).toMatchObject({ status: 'failed', attempts: 1 });
    expect(step.error).toContain('the outline must have exactly 3 lessons; it had fewer');
    expect(
      h.emu.requests.filter((r) => String(JSON.stringify(r.body)).includes('instructional designer')),
    ).toHaveLength(2);
    expect((await h.courseContent(courseId)).lessons).toHaveLength(0);
  });

  it('waits out a 429 with retry-after and succeeds', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { status: 429, retryAfterMs: 30 }, { json: outlineOf(1) });
    const { runId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect(run.steps.find((s: any) => s.kind === 'outline')).toMatchObject({ provider: 'openai', status: 'completed' });
    expect(h.emu.requests.filter((r) => r.model === 'gpt-4o-mini').length).toBeGreaterThanOrEqual(2);
  });

  it('uses the fallback provider when the first one is down', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { status: 500 }, { status: 500 }, { status: 500 });
    h.emu.script({ model: 'llama-3.1-8b-instant' }, { json: outlineOf(1) });
    const { runId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect(run.steps.find((s: any) => s.kind === 'outline')).toMatchObject({
      provider: 'groq',
      model: 'llama-3.1-8b-instant',
    });
  });

  it('stops at the cost cap before the call that would exceed it', async () => {
    h.emu.reset();
    const { runId, courseId } = await h.generate({ lessonCount: 3, costCapUsd: 0.0001 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/cost cap/);
    expect(h.emu.requests.filter((r) => r.route !== 'browser-use')).toHaveLength(0);
    expect((await h.courseContent(courseId)).lessons).toHaveLength(0);
  });
});

describe('people steering a run', () => {
  it('cancel stops the remaining steps', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(4) });
    for (let i = 0; i < 8; i++) h.emu.script({ model: 'gpt-4o-mini' }, { delayMs: 400 });
    const { runId, courseId } = await h.generate({ lessonCount: 4 });
    await h.waitForRun(runId, ['running']);
    for (;;) {
      const run = await h.api.request<any>('GET', `/aula/runs/${runId}`);
      if (run.steps.some((s: any) => s.kind === 'lesson' && s.status === 'running')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await h.api.request('POST', `/aula/runs/${runId}/cancel`);
    const requestsAtCancel = h.emu.requests.length;
    await new Promise((r) => setTimeout(r, 2_500));
    const run = await h.api.request<any>('GET', `/aula/runs/${runId}`);
    expect(run.status).toBe('cancelled');
    expect(
      run.steps
        .filter((s: any) => s.kind === 'assemble' || s.kind === 'quiz')
        .every((s: any) => s.status === 'cancelled'),
    ).toBe(true);
    // Calls already in flight may finish; no step starts after the cancel.
    expect(h.emu.requests.length - requestsAtCancel).toBeLessThanOrEqual(4);
    const course = await h.courseContent(courseId);
    expect(course.status).toBe('draft');
    expect(course.lessons.every((l: any) => l.quizzes.length === 0)).toBe(true);
  });

  it('a lesson started ahead for a run cancelled meanwhile: its call is aborted and nothing of it is stored', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(2) });
    for (let i = 0; i < 4; i++) h.emu.script({ model: 'gpt-4o-mini' }, { delayMs: 1_500 });
    const { runId, courseId } = await h.generate({ lessonCount: 2 });
    await expect
      .poll(
        async () =>
          (await h.api.request<any>('GET', `/aula/runs/${runId}`)).steps.some(
            (s: any) => s.kind === 'lesson' && s.status === 'running',
          ),
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    await h.api.request('POST', `/aula/runs/${runId}/cancel`);
    expect((await h.waitForRun(runId, ['cancelled'])).status).toBe('cancelled');
    // The calls in flight end (their results dropped) before the late job comes.
    await new Promise((r) => setTimeout(r, 2_500));
    const [lesson] = (await h.courseContent(courseId)).lessons;
    const run = await items(h.admin, 'generation_runs').get(runId, { fields: ['request', 'provider', 'model'] });
    const stepBefore = (await h.api.request<any>('GET', `/aula/runs/${runId}`)).steps.find(
      (s: any) => s.kind === 'lesson' && s.target === lesson.id,
    );

    // A lesson job carrying the run as its outline saw it (running), delivered now (late, or again): its
    // provider call starts at once; the read says the run was cancelled, so the call is aborted.
    h.emu.reset();
    h.emu.script(
      { model: 'gpt-4o-mini' },
      { delayMs: 10_000, json: { markdown: `## Tarde\n\n${'No debe guardarse. '.repeat(20)}` } },
    );
    const requestsBefore = h.emu.requests.length;
    const queue = createGenerationQueue({ redisUrl: h.stack.redisUrl, prefix: h.stack.redisPrefix });
    try {
      const job = await queue.queue.add(
        'lesson',
        {
          runId,
          lessonId: lesson.id,
          ahead: {
            run: {
              id: runId,
              course: courseId,
              status: 'running',
              request: run.request,
              provider: run.provider ?? null,
              model: run.model ?? null,
              cost_cap_usd: null,
              progress_total: 8,
            },
            brief: {
              language: 'es',
              courseTitle: 'Finanzas',
              audience: '',
              level: 'beginner',
              outline: 'Módulo\n  - Lección',
              lessonTitle: lesson.title,
              objectives: ['Entender'],
              estimatedMinutes: 10,
            },
          },
        },
        { jobId: `late-${runId}-${lesson.id}` },
      );
      const started = Date.now();
      await expect.poll(() => job.getState(), { timeout: 20_000, interval: 100 }).toBe('completed');
      // Aborted, not awaited: the job ended well before the provider's 10 s answer.
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await queue.close();
    }
    expect(h.emu.requests.length - requestsBefore).toBe(1);
    await expect.poll(() => h.emu.requests.at(-1)?.closedEarly, { timeout: 15_000 }).toBe(true);
    const after = await h.courseContent(courseId);
    expect(after.lessons.find((l: any) => l.id === lesson.id).body).toBe(lesson.body);
    expect(after.status).toBe('draft');
    const stepAfter = (await h.api.request<any>('GET', `/aula/runs/${runId}`)).steps.find(
      (s: any) => s.kind === 'lesson' && s.target === lesson.id,
    );
    expect(stepAfter).toMatchObject({ status: 'cancelled', attempts: stepBefore.attempts });
  });

  it('regenerating one lesson changes nothing until accepted, then only that lesson, keeping students’ progress', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(3) });
    const { runId, courseId } = await h.generate({ lessonCount: 3 });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    const before = await h.courseContent(courseId);
    const target = before.lessons[1];
    const [studentUser] = await h.admin.request<any[]>(
      'GET',
      '/users?filter[email][_eq]=student@example.com&fields=id',
    );
    await items(h.admin, 'lesson_progress').create({
      user: studentUser.id,
      course: courseId,
      lesson: target.id,
      completed_at: new Date().toISOString(),
    });

    const rewritten = `## Nueva versión\n\n${'Más ejemplos, en un español más sencillo. '.repeat(10)}`;
    h.emu.script({ model: 'gpt-4o-mini' }, { json: { markdown: rewritten } });
    const { runId: regen } = await h.api.request<{ runId: string }>('POST', `/aula/lessons/${target.id}/regenerate`, {
      instruction: 'más ejemplos, español más sencillo',
    });
    const run = await h.waitForRun(regen);
    expect(run.status).toBe('completed');
    expect(run.steps).toHaveLength(1);
    const prompt = JSON.stringify(h.emu.requests.at(-1)?.body);
    expect(prompt).toContain('más ejemplos, español más sencillo');

    // Nothing is overwritten until someone accepts: the run holds the old and the new text.
    expect((await h.courseContent(courseId)).lessons).toEqual(before.lessons);
    expect(run.request.kind).toBe('lesson');
    expect(run.result).toEqual({
      kind: 'lesson',
      lessonId: target.id,
      before: { body: target.body },
      after: { body: rewritten.trim() },
    });
    expect(run).toMatchObject({ decision: null, decidedAt: null, decidedBy: null });

    const accepted = await h.api.request<any>('POST', `/aula/runs/${regen}/accept`);
    expect(accepted).toMatchObject({ decision: 'accepted', decidedBy: h.editorId });
    expect(Date.parse(accepted.decidedAt)).toBeGreaterThan(Date.now() - 60_000);
    const after = await h.courseContent(courseId);
    expect(after.lessons.map((l: any) => l.id)).toEqual(before.lessons.map((l: any) => l.id));
    for (const [i, lesson] of after.lessons.entries()) {
      if (lesson.id === target.id) expect(lesson.body).toBe(rewritten.trim());
      else expect(lesson.body).toBe(before.lessons[i].body);
      expect(lesson.quizzes).toEqual(before.lessons[i].quizzes);
    }
    const progress = await items(h.admin, 'lesson_progress').list({ filter: { lesson: { _eq: target.id } } });
    expect(progress).toHaveLength(1);

    for (const decision of ['accept', 'discard']) {
      const again = await h.call('POST', `/aula/runs/${regen}/${decision}`);
      expect(again.status).toBe(409);
      expect(again.message).toMatch(/already accepted/);
    }
  });

  it('a quiz regeneration is refused if the quiz was edited meanwhile, can be discarded, and replaces only its questions when accepted', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(2) });
    const { runId, courseId } = await h.generate({ lessonCount: 2 });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    const before = await h.courseContent(courseId);
    const quizId = before.lessons[0].quizzes[0].id;
    const questions = Array.from({ length: 4 }, (_, i) => ({
      prompt: `¿Pregunta más fácil ${i + 1}?`,
      options: ['a', 'b', 'c', 'd'],
      correctOption: i % 4,
      explanation: 'Porque la lección lo explica así.',
      lessonSection: 'no-existe',
    }));
    const regenerateQuiz = async () => {
      // The quiz, then the quiz checks' fix call (no such section): the model answers the same again.
      h.emu.script({ model: 'gpt-4o-mini' }, { json: { questions } }, { json: { questions } });
      const { runId } = await h.api.request<{ runId: string }>('POST', `/aula/quizzes/${quizId}/regenerate`, {
        instruction: 'más fácil',
      });
      const run = await h.waitForRun(runId);
      expect(run.status).toBe('completed');
      return run;
    };
    const prompts = async () =>
      (await h.courseContent(courseId)).lessons[0].quizzes[0].questions.map((q: any) => q.prompt);
    const original = before.lessons[0].quizzes[0].questions.map((q: any) => q.prompt);

    // Someone edits the quiz while the new version waits: accepting it would undo that edit.
    const first = await regenerateQuiz();
    expect(await prompts()).toEqual(original);
    expect(first.result).toMatchObject({ kind: 'quiz', quizId, lessonId: before.lessons[0].id });
    expect(first.result.before.questions.map((q: any) => q.prompt)).toEqual(original);
    // What still fails the quiz checks travels with the new version, for the review and for accept.
    expect(first.result.after.questions).toEqual(
      questions.map((q) => ({ ...q, lessonSection: null, checkFlags: [{ check: 'section-missing' }] })),
    );
    const edited = before.lessons[0].quizzes[0].questions[0].id;
    await items(h.admin, 'questions').update(edited, { prompt: '¿Editada a mano?' });
    const refused = await h.call('POST', `/aula/runs/${first.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/edited after this new version was written/);
    expect((await prompts())[0]).toBe('¿Editada a mano?');
    expect(await h.api.request<any>('POST', `/aula/runs/${first.id}/discard`)).toMatchObject({
      decision: 'discarded',
    });
    expect((await prompts())[0]).toBe('¿Editada a mano?');

    // A fresh regeneration starts from the edited quiz, and accepting it replaces the questions.
    const second = await regenerateQuiz();
    expect(second.result.before.questions[0].prompt).toBe('¿Editada a mano?');
    await h.api.request('POST', `/aula/runs/${second.id}/accept`);
    const after = await h.courseContent(courseId);
    expect(after.lessons[0].quizzes[0].id).toBe(quizId);
    expect(after.lessons[0].quizzes[0].questions.map((q: any) => q.prompt)).toEqual(questions.map((q) => q.prompt));
    expect(after.lessons[1]).toEqual(before.lessons[1]);
    expect(after.lessons[0].body).toBe(before.lessons[0].body);
  });
});

describe('retrying a failed run', () => {
  it('redoes only what did not finish, and reaches completed', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(2) });
    // The provider refuses lesson requests (a permanent 400) on every model of the chain, once each.
    for (const model of ['gpt-4o-mini', 'llama-3.1-8b-instant']) {
      h.emu.script({ model, body: /write one lesson/ }, { status: 400, message: 'bad request' });
    }
    const { runId, courseId } = await h.generate({ lessonCount: 2 });
    const failed = await h.waitForRun(runId);
    expect(failed.status).toBe('failed');
    expect((await h.courseContent(courseId)).status).toBe('draft');

    expect((await h.call('POST', `/aula/runs/${runId}/retry`, undefined, null)).status).toBe(401);
    // Jobs of the run still finishing (the other lesson's) hold their locks for a moment: "try again".
    let retried = await h.call('POST', `/aula/runs/${runId}/retry`);
    for (let i = 0; retried.status === 409 && /still stopping/.test(retried.message) && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      retried = await h.call('POST', `/aula/runs/${runId}/retry`);
    }
    expect(retried.status, retried.message).toBe(202);
    expect(retried.body).toMatchObject({ status: 'queued', error: null });
    const run = await h.waitForRun(runId);
    expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
    expect(run.progress).toEqual({ done: 8, total: 8 });
    const outlineStep = run.steps.find((s: any) => s.kind === 'outline');
    expect(outlineStep).toMatchObject({ status: 'completed', attempts: 1 });
    const outlineCalls = h.emu.requests.filter((r) => String(JSON.stringify(r.body)).includes('course_outline'));
    expect(outlineCalls).toHaveLength(1);

    const course = await h.courseContent(courseId);
    expect(course.status).toBe('in_review');
    expect(course.lessons).toHaveLength(2);
    for (const lesson of course.lessons) {
      expect(lesson.body.length).toBeGreaterThanOrEqual(200);
      expect(lesson.quizzes).toHaveLength(1);
    }
    const again = await h.call('POST', `/aula/runs/${runId}/retry`);
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/only a failed or cancelled run/);
  });
});
