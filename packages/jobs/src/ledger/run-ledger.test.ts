import { randomUUID } from 'node:crypto';
import type { CourseStatus } from '@aula/domain';
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobId } from '../definitions.ts';
import { courseFlow, courseLessonId, courseStepPlan, firstJob, progressTotal, runJobIds } from './flow.ts';
import { RunLedger, RunStopped, type StepOutcome } from './run-ledger.ts';
import type { RunRow, RunStore, StepRow } from './store.ts';

/**
 * The ledger's rules over a store kept in memory. The stores on Directus (the course API's, the
 * workers') are exercised with a real Directus in directus/test/course-api.test.ts and workers/test.
 */
function memoryStore() {
  const runs = new Map<string, Record<string, any>>();
  const steps = new Map<string, Record<string, any>>();
  const courses = new Map<string, { status: CourseStatus }>();
  const store: RunStore = {
    readRun: async (id) => ({ ...runs.get(id) }) as RunRow,
    createRun: async (row) => {
      const id = randomUUID();
      runs.set(id, { id, progress_done: 0, ...row });
      return id;
    },
    updateRun: async (id, patch) => void Object.assign(runs.get(id) as object, patch),
    moveRun: async (id, from, patch) => {
      const run = runs.get(id);
      if (!run || !from.includes(run.status)) return false;
      Object.assign(run, patch);
      return true;
    },
    listSteps: async (runId, only) =>
      [...steps.values()]
        .filter((s) => s.run === runId && (!only || (s.kind === only.kind && s.target === only.target)))
        .map((s) => ({ ...s }) as StepRow),
    createStep: async (row) => {
      const clash = [...steps.values()].some(
        (s) => s.run === row.run && s.kind === row.kind && s.target === row.target,
      );
      if (clash) throw new Error('RECORD_NOT_UNIQUE');
      const id = randomUUID();
      steps.set(id, { id, attempts: 0, error: null, ...row });
      return { ...steps.get(id) } as StepRow;
    },
    createSteps: async (rows) => {
      for (const row of rows) await store.createStep(row);
    },
    updateStep: async (id, patch) => void Object.assign(steps.get(id) as object, patch),
    finishStep: async (id, patch) => {
      const step = steps.get(id) as Record<string, any>;
      if (runs.get(step.run)?.status === 'cancelled') return false;
      Object.assign(step, patch);
      return true;
    },
    moveSteps: async (runId, from, patch) => {
      for (const s of steps.values()) if (s.run === runId && from.includes(s.status)) Object.assign(s, patch);
    },
    setCourseStatus: async (id, status, from) => {
      const course = courses.get(id) ?? { status: 'generating' };
      if (!from || from.includes(course.status)) courses.set(id, { status });
    },
  };
  return { store, runs, steps, courses };
}

const call = (costUsd: number) => ({
  provider: 'openai',
  model: 'gpt-4o-mini',
  usage: { inputTokens: 100, outputTokens: 50 },
  costUsd,
});
const job = (attemptsMade = 0, attempts = 4) => ({ attemptsMade, opts: { attempts } });

function setUp() {
  const memory = memoryStore();
  const ended: unknown[] = [];
  const ledger = new RunLedger(memory.store, (e) => ended.push(e));
  return { ...memory, ledger, ended };
}

describe('the run ledger', () => {
  it('opens a run queued, its progress counting to the steps its request will have', async () => {
    const { ledger, runs } = setUp();
    const course = await ledger.open({
      course: randomUUID(),
      request: { kind: 'course', lessonCount: 3 },
      requestedBy: 'u',
    });
    expect(runs.get(course)).toMatchObject({
      status: 'queued',
      progress_total: 11,
      provider: null,
      cost_cap_usd: null,
    });
    const lesson = await ledger.open({ course: null, request: { kind: 'lesson' }, costCapUsd: 0.5, requestedBy: 'u' });
    expect(runs.get(lesson)).toMatchObject({ progress_total: 1, cost_cap_usd: 0.5 });
    expect(progressTotal({ kind: 'course', lessonCount: 3 })).toBe(courseStepPlan(['a', 'b', 'c']).length);
  });

  it('completes a one-step run with its step, with the totals of its calls and the prompt version', async () => {
    const { ledger, runs, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'lesson' }, requestedBy: 'u' });
    const outcome: StepOutcome = { calls: [call(0.01), call(0.02)], promptVersion: 'lesson@1', result: { x: 1 } };
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => outcome);
    expect(runs.get(runId)).toMatchObject({
      status: 'completed',
      progress_done: 1,
      tokens_in: 200,
      tokens_out: 100,
      cost_usd: 0.03,
      provider: 'openai',
      result: { x: 1 },
    });
    expect([...steps.values()]).toMatchObject([{ status: 'completed', attempts: 1, prompt_version: 'lesson@1' }]);
    // Delivered again after it finished: nothing is done twice.
    let called = false;
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => {
      called = true;
      return outcome;
    });
    expect(called).toBe(false);
  });

  it('steps finishing together share the totals: fewer writes, every step counted', async () => {
    const { ledger, runs, store } = setUp();
    const lessons = Array.from({ length: 8 }, (_, i) => `l${i}`);
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 8 }, requestedBy: 'u' });
    await ledger.planCourse(runId, lessons);
    let writes = 0;
    const moveRun = store.moveRun;
    store.moveRun = async (id, from, patch) => {
      if ('progress_done' in patch) writes += 1;
      // A slow Directus: the refreshes overlap.
      await new Promise((r) => setTimeout(r, 5));
      return moveRun(id, from, patch);
    };
    await Promise.all(
      lessons.map((target) =>
        ledger.runStep(job(), { runId, kind: 'lesson', target }, async () => ({ calls: [call(0.01)] })),
      ),
    );
    // A course's steps do not wait for the totals: they are written in the background.
    await ledger.settle();
    expect(runs.get(runId)).toMatchObject({ progress_done: 8, tokens_in: 800, tokens_out: 400 });
    expect(runs.get(runId)?.cost_usd).toBeCloseTo(0.08, 6);
    expect(writes).toBeLessThan(8);
  });

  it("completes a course with its totals; a step's late refresh does not write over them", async () => {
    const { ledger, runs, store, ended } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    await ledger.planCourse(runId, ['l1']);
    // The lesson's refresh is slow: it lists the steps before the assemble finishes, and writes after.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // Whichever write it makes (a filtered one or not): the first write of totals without a status waits.
    let hold = true;
    const holdTotals = async (patch: Record<string, unknown>) => {
      if (hold && patch.status === undefined && 'progress_done' in patch) {
        hold = false;
        await held;
      }
    };
    const { moveRun, updateRun } = store;
    store.moveRun = async (id, from, patch) => {
      await holdTotals(patch);
      return moveRun(id, from, patch);
    };
    store.updateRun = async (id, patch) => {
      await holdTotals(patch);
      return updateRun(id, patch);
    };
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => ({ calls: [call(0.01)] }));
    await ledger.runStep(job(), { runId, kind: 'assemble', target: null }, async () => ({
      calls: [call(0.02)],
      completesRun: true,
    }));
    expect(runs.get(runId)).toMatchObject({ status: 'completed', tokens_in: 200 });
    expect(ended).toEqual([{ runId, event: 'run.completed' }]);
    expect(hold).toBe(false); // the lesson's refresh was indeed held
    release();
    await ledger.settle();
    expect(runs.get(runId)).toMatchObject({ status: 'completed', tokens_in: 200, progress_done: 2 });
    expect(runs.get(runId)?.cost_usd).toBeCloseTo(0.03, 6);
  });

  it('plans skipped steps as skipped, and skips a step it finished without reading it again', async () => {
    const { ledger, steps, store } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 2 }, requestedBy: 'u' });
    await ledger.ensureStep(runId, 'outline', null);
    await ledger.planCourse(runId, ['l1', 'l2'], { kinds: ['references'], detail: { reason: 'off' } });
    const rows = [...steps.values()];
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.kind === 'references')).toMatchObject([
      { status: 'skipped', detail: { reason: 'off' } },
      { status: 'skipped', detail: { reason: 'off' } },
    ]);
    expect(rows.filter((r) => r.kind !== 'references' && r.status !== 'queued')).toEqual([]);
    // Planned again (a retried outline): the rows are kept, none added.
    await ledger.planCourse(runId, ['l1', 'l2'], { kinds: ['references'], detail: { reason: 'off' } });
    expect(steps.size).toBe(8);

    let bodies = 0;
    const body = async () => {
      bodies += 1;
      return { calls: [call(0.01)] };
    };
    await ledger.runStep(job(), { runId, kind: 'quiz', target: 'l1' }, body);
    let reads = 0;
    const readRun = store.readRun;
    store.readRun = async (id) => {
      reads += 1;
      return readRun(id);
    };
    await ledger.runStep(job(), { runId, kind: 'quiz', target: 'l1' }, body);
    expect({ bodies, reads }).toEqual({ bodies: 1, reads: 0 });
    // Another ledger (another worker process) reads it, and skips it too.
    await new RunLedger(store).runStep(job(), { runId, kind: 'quiz', target: 'l1' }, body);
    expect({ bodies, reads }).toEqual({ bodies: 1, reads: 1 });
  });

  it('starts the next step as soon as the body returns, and tells it whether the result was kept', async () => {
    const { ledger, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    const seen: { stepStatus: string; kept: boolean }[] = [];
    const next = async (kept: Promise<boolean>) => {
      const [row] = [...steps.values()].filter((s) => s.kind === 'lesson');
      const status = row?.status;
      seen.push({ stepStatus: status, kept: await kept });
    };
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => ({ calls: [] }), next);
    await ledger.runStep(
      job(),
      { runId, kind: 'lesson', target: 'l2' },
      async () => {
        await ledger.cancel(runId);
        return { calls: [] };
      },
      async (kept) => {
        seen.push({ stepStatus: 'cancelled run', kept: await kept });
      },
    );
    expect(seen).toEqual([
      { stepStatus: 'running', kept: true },
      { stepStatus: 'cancelled run', kept: false },
    ]);
  });

  it('starts a body ahead of the read with the run the job carries; it stores after `counted`', async () => {
    const { ledger, store, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    const carried = await store.readRun(runId);
    // The read is held until the body has started: the body does not wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const readRun = store.readRun;
    store.readRun = async (id) => {
      await held;
      return readRun(id);
    };
    const order: string[] = [];
    await ledger.runStep(
      job(),
      { runId, kind: 'lesson', target: 'l1' },
      async (run, _mark, attempt) => {
        order.push(`body started with ${run.id === runId ? 'the carried run' : 'another run'}`);
        release();
        const number = await attempt.counted;
        order.push(`counted ${number}, step ${[...steps.values()].find((s) => s.kind === 'lesson')?.status}`);
        return { calls: [call(0.01)] };
      },
      undefined,
      { ahead: carried },
    );
    expect(order).toEqual(['body started with the carried run', 'counted 1, step running']);
    expect([...steps.values()].find((s) => s.kind === 'lesson')).toMatchObject({ status: 'completed', tokens_in: 100 });
  });

  it('aborts a body started ahead when the read says the run was cancelled: nothing of it is kept', async () => {
    const { ledger, store, runs, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    const carried = { ...(await store.readRun(runId)), status: 'running' } as RunRow;
    await ledger.cancel(runId);
    let stored = false;
    let aborted = false;
    await ledger.runStep(
      job(),
      { runId, kind: 'lesson', target: 'l1' },
      async (_run, _mark, attempt) => {
        // The provider call under way when the read comes back.
        await new Promise<void>((resolve) => {
          attempt.signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
        });
        await attempt.counted;
        stored = true;
        return { calls: [call(0.01)] };
      },
      async () => {
        throw new Error('next must not run for a dropped body');
      },
      { ahead: carried },
    );
    expect(aborted).toBe(true);
    expect(stored).toBe(false);
    expect(runs.get(runId)).toMatchObject({ status: 'cancelled' });
    expect([...steps.values()].find((s) => s.kind === 'lesson')).toMatchObject({ status: 'cancelled' });
  });

  it('drops a body started ahead when its step already finished (a redelivered job)', async () => {
    const { ledger, store, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    const carried = await store.readRun(runId);
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => ({ calls: [call(0.01)] }));
    // A second ledger (another worker process) gets the job again.
    const other = new RunLedger(store);
    let counted: unknown = 'pending';
    await other.runStep(
      job(),
      { runId, kind: 'lesson', target: 'l1' },
      async (_run, _mark, attempt) => {
        counted = await attempt.counted.catch((error) => error);
        return { calls: [call(0.5)] };
      },
      undefined,
      { ahead: carried },
    );
    expect(counted).toBeInstanceOf(RunStopped);
    expect([...steps.values()].find((s) => s.kind === 'lesson')).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('drops what a step made when its run was cancelled while the provider was answering', async () => {
    const { ledger, runs, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'lesson' }, requestedBy: 'u' });
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => {
      await ledger.cancel(runId);
      return { calls: [call(0.01)], promptVersion: 'lesson@1', result: { x: 1 } };
    });
    expect(runs.get(runId)).toMatchObject({ status: 'cancelled' });
    expect(runs.get(runId)?.result).toBeUndefined();
    expect([...steps.values()]).toMatchObject([{ status: 'cancelled' }]);
  });

  it('puts a step back to queued on a passing error, fails it and the run on the last attempt', async () => {
    const { ledger, runs, steps, courses, ended } = setUp();
    const courseId = randomUUID();
    const runId = await ledger.open({
      course: courseId,
      request: { kind: 'course', lessonCount: 1 },
      requestedBy: 'u',
    });
    const where = { runId, kind: 'outline' as const, target: null };
    const boom = async (): Promise<StepOutcome> => {
      throw new Error('503 busy');
    };
    await expect(ledger.runStep(job(0), where, boom)).rejects.toThrow('503 busy');
    expect([...steps.values()]).toMatchObject([{ status: 'queued', error: '503 busy', attempts: 1 }]);
    expect(runs.get(runId)?.status).toBe('running');
    await expect(ledger.runStep(job(3), where, boom)).rejects.toThrow('503 busy');
    expect([...steps.values()]).toMatchObject([{ status: 'failed', attempts: 2 }]);
    expect(runs.get(runId)).toMatchObject({ status: 'failed', error: 'outline step failed: 503 busy' });
    expect(courses.get(courseId)).toEqual({ status: 'draft' });
    expect(ended).toEqual([{ runId, event: 'run.failed' }]);
  });

  it('keeps a failed step failed on redelivery: the body is not run again', async () => {
    const { ledger, runs, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'quiz' }, requestedBy: 'u' });
    const where = { runId, kind: 'quiz' as const, target: 'l1' };
    await expect(
      ledger.runStep(job(), where, async () => {
        throw new UnrecoverableError('400 bad request');
      }),
    ).rejects.toThrow(UnrecoverableError);
    let called = 0;
    const again = ledger.runStep(job(1), where, async () => {
      called++;
      return { calls: [call(0)] };
    });
    await expect(again).rejects.toThrow(UnrecoverableError);
    expect(called).toBe(0);
    expect(runs.get(runId)?.status).toBe('failed');
    expect([...steps.values()]).toMatchObject([{ status: 'failed', attempts: 1 }]);
  });

  it('treats our own data failing its schema as final', async () => {
    const { ledger, steps } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'lesson' }, requestedBy: 'u' });
    const failure = ledger.runStep(job(0), { runId, kind: 'lesson', target: 'l1' }, async () => {
      z.string().parse(1);
      return { calls: [] };
    });
    await expect(failure).rejects.toThrow(UnrecoverableError);
    expect([...steps.values()]).toMatchObject([{ status: 'failed' }]);
  });

  it('completes only a running run, so a failed or cancelled one keeps its status', async () => {
    const { ledger, runs } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'course', lessonCount: 1 }, requestedBy: 'u' });
    runs.get(runId)!.status = 'failed';
    expect(await ledger.complete(runId)).toBe(false);
    expect(runs.get(runId)?.status).toBe('failed');
    runs.get(runId)!.status = 'cancelled';
    expect(await ledger.complete(runId)).toBe(false);
    runs.get(runId)!.status = 'running';
    expect(await ledger.complete(runId)).toBe(true);
    expect(runs.get(runId)?.status).toBe('completed');
  });

  it('cancels what has not finished, drops a result that arrives after the cancel, and reopens on a retry', async () => {
    const { ledger, runs, steps, courses } = setUp();
    const courseId = randomUUID();
    courses.set(courseId, { status: 'generating' });
    const runId = await ledger.open({
      course: courseId,
      request: { kind: 'course', lessonCount: 1 },
      requestedBy: 'u',
    });
    await ledger.runStep(job(), { runId, kind: 'outline', target: null }, async () => ({ calls: [call(0.01)] }));
    await ledger.planCourse(runId, ['l1']);
    expect(runs.get(runId)?.progress_total).toBe(5);
    expect([...steps.values()].map((s) => `${s.kind}:${s.target}:${s.status}`)).toEqual([
      'outline:null:completed',
      'lesson:l1:queued',
      'quiz:l1:queued',
      'references:l1:queued',
      'assemble:null:queued',
    ]);
    await ledger.runStep(job(), { runId, kind: 'lesson', target: 'l1' }, async () => {
      await ledger.cancel(runId);
      return { calls: [call(0.01)] };
    });
    expect(runs.get(runId)?.status).toBe('cancelled');
    expect(courses.get(courseId)).toEqual({ status: 'draft' });
    expect([...steps.values()].filter((s) => s.status === 'cancelled')).toHaveLength(4);
    // A stopped run's step ends quietly.
    await ledger.runStep(job(), { runId, kind: 'quiz', target: 'l1' }, async () => {
      throw new Error('not reached');
    });
    await ledger.runStep(job(), { runId, kind: 'references', target: 'l1' }, async () => {
      throw new RunStopped();
    });

    await ledger.reopen(runId);
    expect(runs.get(runId)).toMatchObject({ status: 'queued', error: null, finished_at: null });
    expect(runs.get(runId)?.history).toBeUndefined();
    expect(courses.get(courseId)).toEqual({ status: 'generating' });
    expect([...steps.values()].map((s) => s.status)).toEqual(['completed', 'queued', 'queued', 'queued', 'queued']);

    // A retry keeps what the ended attempts came to, for people to see what each retry did.
    const history = [{ status: 'cancelled' as const, error: null, finishedAt: '2026-12-07T09:00:00.000Z' }];
    await ledger.reopen(runId, history);
    expect(runs.get(runId)).toMatchObject({ status: 'queued', error: null, history });
  });

  it('fails a run that could not be queued, its course back to draft', async () => {
    const { ledger, runs, courses } = setUp();
    const courseId = randomUUID();
    const runId = await ledger.open({
      course: courseId,
      request: { kind: 'course', lessonCount: 1 },
      requestedBy: 'u',
    });
    await ledger.notQueued(runId, 'Not queued');
    expect(runs.get(runId)).toMatchObject({ status: 'failed', error: 'Not queued' });
    expect(courses.get(courseId)).toEqual({ status: 'draft' });
  });

  it('records a decision', async () => {
    const { ledger, runs } = setUp();
    const runId = await ledger.open({ course: null, request: { kind: 'lesson' }, requestedBy: 'u' });
    await ledger.decide(runId, 'accepted', 'editor');
    expect(runs.get(runId)).toMatchObject({ decision: 'accepted', decided_by: 'editor' });
  });
});

describe("a run's jobs", () => {
  const runId = randomUUID();
  const lessons = [randomUUID(), randomUUID()];

  it('starts each kind of run with its job', () => {
    expect(firstJob(runId, { kind: 'course' })).toEqual({ name: 'outline', data: { runId } });
    expect(firstJob(runId, { kind: 'lesson', lessonId: lessons[0] })).toEqual({
      name: 'regenerate-lesson',
      data: { runId, lessonId: lessons[0] },
    });
    expect(firstJob(runId, { kind: 'quiz', lessonId: lessons[0] }).name).toBe('regenerate-quiz');
    expect(firstJob(runId, { kind: 'scan' })).toEqual({ name: 'scan-trends', data: { runId } });
  });

  it('lays out a course flow: assemble waits for each quiz (after its lesson) and each reference search', () => {
    const flow = courseFlow(runId, lessons);
    expect(flow).toMatchObject({ name: 'assemble', data: { runId }, opts: { jobId: jobId('assemble', { runId }) } });
    expect(flow.children?.map((c) => [c.name, c.data.lessonId, c.children?.map((g) => g.name)])).toEqual([
      ['quiz', lessons[0], ['lesson']],
      ['references', lessons[0], undefined],
      ['quiz', lessons[1], ['lesson']],
      ['references', lessons[1], undefined],
    ]);
    expect(flow.children?.[0]?.opts).toMatchObject({ failParentOnFailure: true, attempts: 4 });
    const ids = [flow, ...(flow.children ?? []), ...(flow.children ?? []).flatMap((c) => c.children ?? [])].map(
      (j) => j.opts?.jobId,
    );
    // Every id a retry clears is one the flow (or the outline) uses.
    expect(new Set(runJobIds(runId, { kind: 'course' }, lessons))).toEqual(
      new Set([...ids, jobId('outline', { runId })]),
    );
  });

  it("makes a course's lesson keys from the run and the position: the same on every try, distinct, valid", () => {
    const keys = Array.from({ length: 20 }, (_, i) => courseLessonId(runId, i));
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => courseLessonId(runId, i)));
    expect(new Set(keys).size).toBe(20);
    expect(courseLessonId(crypto.randomUUID(), 0)).not.toBe(keys[0]);
    // Valid as the flow's payloads parse them.
    expect(() => courseFlow(runId, keys)).not.toThrow();
  });

  it('parses every child payload: a lesson id that is no uuid is refused', () => {
    expect(() => courseFlow(runId, ['not-a-uuid'])).toThrow();
  });
});
