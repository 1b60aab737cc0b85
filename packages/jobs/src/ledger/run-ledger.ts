import type { RunAttempt, RunDecision, RunStatus, StepKind } from '@aula/domain';
import { UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { courseStepPlan, progressTotal } from './flow.ts';
import type { Patch, RunRow, RunStore, StepRow, StepWrite } from './store.ts';

/** What a provider call cost; the shape of `@aula/llm`'s CallResult that the ledger reads. */
export type CallUsage = {
  provider: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number;
};

/**
 * What a step reports when it finishes: its provider calls (tokens, cost), a note, the version of
 * the prompt it used, and for a regeneration or a scan the result the run keeps.
 */
export type StepOutcome = {
  calls: CallUsage[];
  skipped?: boolean;
  detail?: Record<string, unknown>;
  promptVersion?: string;
  result?: unknown;
  /** A course's last step (assemble): the run completes with its totals, in one filtered update. */
  completesRun?: boolean;
  /** What the step made, written with its result in one transaction (`RunStore.finishStep`). */
  write?: StepWrite;
};

/** The BullMQ job running a step, as far as the ledger reads it. */
export type StepJob = { attemptsMade: number; opts: { attempts?: number } };

export type RunEnded = { runId: string; event: 'run.completed' | 'run.failed' };

/**
 * Where one step's time went: `marks` are (label, epoch ms) in order, from the job taking the step
 * (`begin`) to its end (`end`): `read` (run and step read), `running` (marked running), what the body
 * marked (e.g. `provider` when its call returned), `body`, `finished` (its result written), `end` (totals
 * and what came next). Reported once a step's body has run (not for skipped or stopped steps).
 */
export type StepTiming = {
  runId: string;
  kind: StepKind;
  target: string | null;
  marks: [label: string, at: number][];
};

/** Marks a moment of a step's body in its timing (`StepTiming`). */
export type Mark = (label: string) => void;

/**
 * A body's view of its try (see `RunLedger.runStep`): `counted` resolves to the try's number (1 the
 * first) once the step is marked running with that count, and rejects (`RunStopped`) when the step is not
 * to run after all; `signal` aborts when a body started ahead of the read is dropped.
 */
export type Attempt = { counted: Promise<number>; signal: AbortSignal };

/** Thrown by a step when the run was cancelled or already failed: the job ends quietly. */
export class RunStopped extends Error {}

const FINISHED = ['completed', 'skipped'];
/** Every run status but `completed`: where a refresh of the totals may still write. */
const NOT_COMPLETED: RunStatus[] = ['queued', 'running', 'failed', 'cancelled'];
const ACTIVE: RunStatus[] = ['queued', 'running'];
const now = () => new Date().toISOString();
const stepKey = (where: { runId: string; kind: StepKind; target: string | null }) =>
  `${where.runId}:${where.kind}:${where.target ?? ''}`;

export type OpenRun = {
  course: string | null;
  request: Record<string, any> & { kind: string };
  provider?: string | null;
  model?: string | null;
  costCapUsd?: number | null;
  requestedBy: string;
};

/**
 * A generation run's life, in one place: creating a run and its steps, the legal moves of both,
 * progress, tokens and cost, and (with `flow.ts`) the jobs a run is made of. The course API's use
 * cases and the workers' steps call it; only it writes `generation_runs` and `generation_steps`.
 *
 * Runs: queued → running → completed | failed | cancelled; failed or cancelled → queued (a retry).
 * running → completed only through a filtered update, so a run failed or cancelled meanwhile keeps
 * that status. Steps: queued → running → completed | skipped | queued (a passing error) | failed;
 * failed is final until a retry puts it back to queued; a stopped run cancels what has not finished.
 */
export class RunLedger {
  private readonly store: RunStore;
  private readonly onRunEnded: (ended: RunEnded) => void;
  private readonly onTimed: ((timing: StepTiming) => void) | undefined;

  constructor(
    store: RunStore,
    onRunEnded: (ended: RunEnded) => void = () => {},
    /** Each step's timing (`StepTiming`), when someone wants it (the workers log it). */
    onTimed?: (timing: StepTiming) => void,
  ) {
    this.store = store;
    this.onRunEnded = onRunEnded;
    this.onTimed = onTimed;
  }

  read(runId: string): Promise<RunRow> {
    return this.store.readRun(runId);
  }

  /** A new run, queued, its progress counting to the steps its request will have. */
  open(run: OpenRun): Promise<string> {
    return this.store.createRun({
      course: run.course,
      status: 'queued',
      request: run.request,
      provider: run.provider ?? null,
      model: run.model ?? null,
      cost_cap_usd: run.costCapUsd ?? null,
      requested_by: run.requestedBy,
      progress_total: progressTotal(run.request),
    });
  }

  /** Its first job could not be queued: the run fails with `message`, its course goes back to draft. */
  async notQueued(runId: string, message: string): Promise<void> {
    const run = await this.store.readRun(runId);
    await this.store.updateRun(runId, { status: 'failed', error: message, finished_at: now() });
    if (run.request?.kind === 'course' && run.course) await this.store.setCourseStatus(run.course, 'draft');
  }

  /** A person stops a queued or running run: what has not finished is cancelled. */
  async cancel(runId: string): Promise<void> {
    const run = await this.store.readRun(runId);
    const at = now();
    await this.store.updateRun(runId, { status: 'cancelled', finished_at: at, error: null });
    await this.store.moveSteps(runId, ['queued', 'running'], { status: 'cancelled', finished_at: at });
    if (run.request?.kind === 'course' && run.course) {
      await this.store.setCourseStatus(run.course, 'draft', ['generating']);
    }
  }

  /**
   * A retry of a failed or cancelled run: its unfinished steps and the run go back to queued. `history`
   * is the run's attempts so far with the one that just ended last (the caller read it), kept so people
   * can see what each retry did.
   */
  async reopen(runId: string, history?: RunAttempt[]): Promise<void> {
    const run = await this.store.readRun(runId);
    await this.store.moveSteps(runId, ['failed', 'cancelled'], { status: 'queued', error: null, finished_at: null });
    await this.store.updateRun(runId, {
      status: 'queued',
      error: null,
      finished_at: null,
      ...(history ? { history } : {}),
    });
    if (run.request?.kind === 'course' && run.course) await this.store.setCourseStatus(run.course, 'generating');
  }

  /** What a person decided about a finished regeneration. */
  decide(runId: string, decision: RunDecision, by: string): Promise<void> {
    return this.store.updateRun(runId, { decision, decided_by: by, decided_at: now() });
  }

  /** The run and the step row for (run, kind, target), created when missing: one read when the store can. */
  private async readRunStep(where: {
    runId: string;
    kind: StepKind;
    target: string | null;
  }): Promise<{ run: RunRow; step: StepRow }> {
    if (!this.store.readRunStep) {
      const [run, step] = await Promise.all([
        this.store.readRun(where.runId),
        this.ensureStep(where.runId, where.kind, where.target),
      ]);
      return { run, step };
    }
    const { run, step } = await this.store.readRunStep(where.runId, { kind: where.kind, target: where.target });
    return { run, step: step ?? (await this.ensureStep(where.runId, where.kind, where.target)) };
  }

  /** The row of one step of a run, if it exists (read, never created). */
  async stepOf(runId: string, kind: StepKind, target: string | null): Promise<StepRow | undefined> {
    const [found] = await this.store.listSteps(runId, { kind, target });
    return found;
  }

  /** The step row for (run, kind, target), created when missing; the unique index makes racing creators safe. */
  async ensureStep(runId: string, kind: StepKind, target: string | null): Promise<StepRow> {
    const [found] = await this.store.listSteps(runId, { kind, target });
    if (found) return found;
    try {
      return await this.store.createStep({ run: runId, kind, target, status: 'queued' });
    } catch (error) {
      const [raced] = await this.store.listSteps(runId, { kind, target });
      if (raced) return raced;
      throw error;
    }
  }

  /**
   * A course's outline named its lessons: every step row of the run in one request (rows that exist,
   * from a retried outline, are kept), and its progress counting to them. The steps of `skip.kinds`
   * are written skipped (with `skip.detail`, the reason), for no job will do them.
   */
  async planCourse(
    runId: string,
    lessonIds: string[],
    skip: { kinds: StepKind[]; detail: Record<string, unknown> } = { kinds: [], detail: {} },
  ): Promise<void> {
    const plan = courseStepPlan(lessonIds);
    const at = now();
    const row = (p: (typeof plan)[number]) =>
      skip.kinds.includes(p.kind)
        ? { run: runId, ...p, status: 'skipped', detail: skip.detail, started_at: at, finished_at: at }
        : { run: runId, ...p, status: 'queued' };
    const total = this.store.updateRun(runId, { progress_total: plan.length });
    total.catch(() => {});
    // The first time, only the outline's row exists (its job made it): the others in one request, with
    // no read first. A retried outline finds some: the unique index refuses the whole request, and the
    // missing ones are written after a read.
    const created = await this.store.createSteps(plan.filter((p) => p.kind !== 'outline').map(row)).then(
      () => true,
      () => false,
    );
    if (!created) {
      const have = new Set((await this.store.listSteps(runId)).map((s) => `${s.kind}:${s.target}`));
      const missing = plan.filter((p) => !have.has(`${p.kind}:${p.target}`));
      if (missing.length > 0) await this.store.createSteps(missing.map(row));
    }
    await total;
  }

  /**
   * Runs one step of a run: skips it when the run was stopped or the step already finished (a retry
   * after a crash), records attempts, provider, tokens, cost, prompt version and errors on the step
   * row, keeps the run's totals and progress, and fails the run when the step fails for good. A run
   * of one step (a regeneration, a scan) completes with it; a course completes with its assemble.
   *
   * Waits as little as it can: the body starts while the step is being marked running (its end waits
   * for that write), and `next` starts as soon as the body returns, while the step's result is written.
   */
  async runStep(
    job: StepJob,
    where: { runId: string; kind: StepKind; target: string | null },
    /**
     * `attempt.counted` resolves to which try of the step this is (1 the first) once the step is marked
     * running with that count: a body that skips work because no earlier try wrote anything awaits it
     * first (were the write to fail, the next try would count the same number).
     */
    body: (run: RunRow, mark: Mark, attempt: Attempt) => Promise<StepOutcome>,
    /**
     * The next step of the same job: started as soon as the body returned, alongside the writing of this
     * step's result and the run's totals, and handed `kept`: true once that result is written, false when
     * it was dropped (the run was cancelled meanwhile), rejected when writing it failed. `next` must not
     * store anything that depends on this step before `kept` says true. Awaited before `runStep` returns,
     * which throws what it throws. It runs only when the body ran.
     */
    next?: (kept: Promise<boolean>) => Promise<void>,
    options: {
      /**
       * The run as the job carries it (a course's lesson: its outline put it there): the body starts at
       * once with it, alongside the read of the run and the step and the running mark, instead of after
       * them. It must store nothing before `attempt.counted` resolves: when the read says the step is not
       * to run (the run stopped, the step finished or failed), `attempt.signal` aborts, `counted` rejects
       * and whatever the body returns is dropped.
       */
      ahead?: RunRow;
    } = {},
  ): Promise<void> {
    const marks: StepTiming['marks'] = [['begin', Date.now()]];
    const mark: Mark = (label) => void marks.push([label, Date.now()]);
    const key = stepKey(where);
    // Finished is final (a retry of the run only reopens failed and cancelled steps): a step this
    // process finished is skipped without asking the store (the flow's quiz job after its lesson's job).
    if (this.finished.has(key)) return;
    const controller = new AbortController();
    // Started ahead (`options.ahead`): the body runs with the run as the job carried it while the run and
    // the step are read; it stores nothing before `counted`, which the read and the running mark settle.
    let settleCounted: { resolve: (n: number) => void; reject: (error: unknown) => void } | undefined;
    const counted = new Promise<number>((resolve, reject) => {
      settleCounted = { resolve, reject };
    });
    counted.catch(() => {});
    const ahead = options.ahead ? body(options.ahead, mark, { counted, signal: controller.signal }) : undefined;
    ahead?.catch(() => {});
    // A body started ahead that is not to run: aborted (its provider call too), its result dropped.
    const drop = async () => {
      if (!ahead) return;
      settleCounted?.reject(new RunStopped('the step is not to run'));
      controller.abort();
      await ahead.catch(() => {});
    };
    let run: RunRow;
    let step: StepRow;
    try {
      ({ run, step } = await this.readRunStep(where));
    } catch (error) {
      await drop();
      throw error;
    }
    mark('read');
    if (FINISHED.includes(step.status)) {
      await drop();
      this.remember(key);
      return;
    }
    // Failed for good stays failed until a person retries the run (the retry puts the step back to
    // queued). The job can still come back: BullMQ retries it when recording the failure met a passing
    // error, and the stalled check hands it out again when its lock expired under load. Doing the step
    // again then could succeed, and a run that failed would go on to "completed".
    if (step.status === 'failed') {
      await drop();
      const message = step.error ?? `${where.kind} step failed`;
      if (ACTIVE.includes(run.status)) await this.fail(run, `${where.kind} step failed: ${message}`);
      throw new UnrecoverableError(message);
    }
    if (['cancelled', 'failed', 'completed'].includes(run.status)) {
      await drop();
      await this.store.updateStep(step.id, { status: 'cancelled', finished_at: now() });
      return;
    }
    // Marked running while the body already works (its provider call is what takes the time); every
    // later write of the step waits for this one, so the step never goes back to running.
    const number = (step.attempts ?? 0) + 1;
    const running = Promise.all([
      run.status === 'queued' ? this.store.updateRun(run.id, { status: 'running' }) : undefined,
      this.store.updateStep(step.id, {
        status: 'running',
        attempts: number,
        started_at: now(),
        error: null,
      }),
    ]).then(() => {
      mark('running');
      return number;
    });
    // A body failing before the write is under way must not leave it unhandled.
    running.catch(() => {});
    running.then(settleCounted?.resolve, settleCounted?.reject);

    let outcome: StepOutcome;
    try {
      outcome = await (ahead ?? body(run, mark, { counted: running, signal: controller.signal }));
    } catch (error) {
      await running;
      if (error instanceof RunStopped) {
        await this.store.updateStep(step.id, { status: 'cancelled', finished_at: now() });
        return;
      }
      throw await this.failed(job, where, run, step, error);
    }
    mark('body');
    // The step's result in one filtered update, dropped when the run was cancelled while the provider
    // was answering (then the step is cancelled instead).
    const last = outcome.calls.at(-1);
    const kept = running.then(() =>
      this.store.finishStep(
        step.id,
        {
          status: outcome.skipped ? 'skipped' : 'completed',
          provider: last?.provider ?? null,
          model: last?.model ?? null,
          tokens_in: outcome.calls.reduce((n, c) => n + c.usage.inputTokens, 0),
          tokens_out: outcome.calls.reduce((n, c) => n + c.usage.outputTokens, 0),
          cost_usd: outcome.calls.reduce((n, c) => n + c.costUsd, 0),
          detail: outcome.detail ?? null,
          ...(outcome.promptVersion ? { prompt_version: outcome.promptVersion } : {}),
          finished_at: now(),
        },
        outcome.write,
      ),
    );
    kept.catch(() => {});
    const then = next?.(kept);
    then?.catch(() => {});
    const settled = (async () => {
      // Writing the result (and what the step made with it) failed: the step failed as its body would have.
      const wasKept = await kept.catch(async (error: unknown) => {
        throw await this.failed(job, where, run, step, error);
      });
      if (!wasKept) {
        await this.store.updateStep(step.id, { status: 'cancelled', finished_at: now() });
        return undefined;
      }
      mark('finished');
      this.remember(key);
      if (!outcome.skipped) this.completedNow(key, number);
      // The run's result (a regeneration's, a scan's) goes with its totals, in one request; so does a
      // course's completion.
      if (outcome.completesRun) return this.writeTotals(run.id, {}, true);
      // A course's step does not wait for the run's totals: its job ends (and the flow goes on) while
      // they are written. Its assemble recomputes them once every other step has finished, with the
      // completion; a refresh that arrives after that is refused (writeTotals).
      if (run.request.kind === 'course' && outcome.result === undefined) {
        this.inBackground(this.refreshTotals(run.id));
        return undefined;
      }
      return this.refreshTotals(run.id, outcome.result !== undefined ? { result: outcome.result } : undefined);
    })();
    const [totals, followed] = await Promise.allSettled([settled, then]);
    mark('end');
    this.onTimed?.({ runId: where.runId, kind: where.kind, target: where.target, marks });
    if (totals.status === 'rejected') throw totals.reason;
    if (followed.status === 'rejected') throw followed.reason;
    if (!totals.value) return;
    const { done, completed } = totals.value;
    if (completed) this.onRunEnded({ runId: run.id, event: 'run.completed' });
    if (run.request.kind !== 'course' && done >= (run.progress_total ?? 0)) {
      await this.complete(run.id, last ? { provider: last.provider, model: last.model } : {});
    }
  }

  /**
   * A step's try failed (its body, or writing its result): the step goes back to queued for the job's
   * next try, or fails for good (a permanent error, or the last try) and fails its run. Answers the
   * error the job throws.
   */
  private async failed(
    job: StepJob,
    where: { kind: StepKind },
    run: RunRow,
    step: StepRow,
    error: unknown,
  ): Promise<unknown> {
    // Our own data failing its schema will not fix itself on a retry.
    const permanent = error instanceof UnrecoverableError || error instanceof ZodError;
    const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = error instanceof Error ? error.message : String(error);
    await this.store.updateStep(step.id, { status: final ? 'failed' : 'queued', error: message });
    if (final) await this.fail(run, `${where.kind} step failed: ${message}`);
    return error instanceof ZodError ? new UnrecoverableError(message) : error;
  }

  /** Writes under way that nobody waits for (a course step's totals); `settle` waits for them. */
  private readonly background = new Set<Promise<unknown>>();

  private inBackground(work: Promise<unknown>) {
    // A failed refresh leaves the totals behind until the next one (the assemble's at the latest).
    const settled = work.then(
      () => {},
      () => {},
    );
    this.background.add(settled);
    void settled.then(() => this.background.delete(settled));
  }

  /** Waits for the writes under way in the background (a worker closing). */
  async settle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Steps this ledger saw finished (most recent last), bounded: only a skip's shortcut. */
  private readonly finished = new Set<string>();

  private remember(key: string) {
    this.finished.add(key);
    if (this.finished.size > 10_000) {
      const [oldest] = this.finished;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }

  /** Who waits for a step to be completed in this process (`completedHere`), by step. */
  private readonly completions = new Map<string, { done: Promise<number>; resolve: (attempt: number) => void }>();

  /**
   * Resolves with the try's number when this process writes the step's result as completed; never when
   * another process does (the caller reads the step too). Bounded: the oldest waits are forgotten.
   */
  completedHere(where: { runId: string; kind: StepKind; target: string | null }): Promise<number> {
    const key = stepKey(where);
    const known = this.completedAttempts.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let entry = this.completions.get(key);
    if (!entry) {
      let resolve: (attempt: number) => void = () => {};
      const done = new Promise<number>((r) => {
        resolve = r;
      });
      entry = { done, resolve };
      this.completions.set(key, entry);
      if (this.completions.size > 1_000) {
        const [oldest] = this.completions.keys();
        if (oldest !== undefined) this.completions.delete(oldest);
      }
    }
    return entry.done;
  }

  /** The try that completed each step this process completed (most recent last), bounded. */
  private readonly completedAttempts = new Map<string, number>();

  private completedNow(key: string, attempt: number) {
    this.completedAttempts.set(key, attempt);
    if (this.completedAttempts.size > 1_000) {
      const [oldest] = this.completedAttempts.keys();
      if (oldest !== undefined) this.completedAttempts.delete(oldest);
    }
    const entry = this.completions.get(key);
    if (!entry) return;
    entry.resolve(attempt);
    this.completions.delete(key);
  }

  /**
   * running → completed, and only from running: a run another step failed (or a person cancelled)
   * meanwhile keeps that status. One filtered update, so no read of the status can be out of date.
   * True when this call completed the run.
   */
  complete(runId: string, fields: Patch = {}): Promise<boolean> {
    return this.store.moveRun(runId, ['running'], { status: 'completed', finished_at: now(), ...fields });
  }

  /** The run's status is written last: whoever sees it failed sees the course and totals already settled. */
  async fail(run: RunRow, message: string): Promise<void> {
    // Parallel steps may fail together: only the first to fail the run announces it.
    const { status } = await this.store.readRun(run.id);
    if (run.request.kind === 'course' && run.course) await this.store.setCourseStatus(run.course, 'draft');
    await this.refreshTotals(run.id);
    await this.store.updateRun(run.id, { status: 'failed', error: message, finished_at: now() });
    // A trend scan is no course event: nobody is told of it but the caller waiting for it.
    if (status !== 'failed' && run.request.kind !== 'scan') this.onRunEnded({ runId: run.id, event: 'run.failed' });
  }

  /** A run's end, announced (a course completes in its assemble job, outside `runStep`). */
  ended(ended: RunEnded): void {
    this.onRunEnded(ended);
  }

  /**
   * Sums of the run's steps, recomputed (not incremented) so a retried step never counts twice. Steps
   * of one run finishing together share their writes: while one refresh is under way, every caller
   * waits for the one refresh that starts after it (it sees all their steps), so sixteen parallel steps
   * make two or three refreshes, not sixteen. `extra` (a run's result) is written with the sums, alone.
   */
  private refreshTotals(runId: string, extra?: Patch): Promise<{ done: number; completed?: boolean }> {
    if (extra) return this.writeTotals(runId, extra);
    const pending = this.refreshing.get(runId) ?? { current: undefined, next: undefined };
    this.refreshing.set(runId, pending);
    if (pending.next) return pending.next;
    const start = () => {
      const current = this.writeTotals(runId);
      pending.current = current;
      const settle = () => {
        if (pending.current === current) pending.current = undefined;
        if (!pending.current && !pending.next) this.refreshing.delete(runId);
      };
      current.then(settle, settle);
      return current;
    };
    if (!pending.current) return start();
    const after = pending.current
      .catch(() => undefined)
      .then(() => {
        pending.next = undefined;
        return start();
      });
    pending.next = after;
    return after;
  }

  private readonly refreshing = new Map<
    string,
    {
      current: Promise<{ done: number; completed?: boolean }> | undefined;
      next: Promise<{ done: number; completed?: boolean }> | undefined;
    }
  >();

  /**
   * `complete`: the totals and running → completed in one filtered update (see `complete`); a run no
   * longer running (failed or cancelled meanwhile) gets its totals only. `completed` says which.
   */
  private async writeTotals(
    runId: string,
    extra: Patch = {},
    complete = false,
  ): Promise<{ done: number; completed?: boolean }> {
    const steps = await this.store.listSteps(runId);
    const done = steps.filter((s) => FINISHED.includes(s.status)).length;
    const totals = {
      tokens_in: steps.reduce((n, s) => n + (s.tokens_in ?? 0), 0),
      tokens_out: steps.reduce((n, s) => n + (s.tokens_out ?? 0), 0),
      cost_usd: steps.reduce((n, s) => n + (s.cost_usd ?? 0), 0),
      progress_done: done,
      ...extra,
    };
    if (
      complete &&
      (await this.store.moveRun(runId, ['running'], { ...totals, status: 'completed', finished_at: now() }))
    )
      return { done, completed: true };
    if (Object.keys(extra).length > 0) {
      await this.store.updateRun(runId, totals);
      return { done };
    }
    // A refresh never writes over a completed run: its completion wrote the totals of every step, and a
    // refresh that listed the steps before that (a course's, in the background) would count fewer.
    await this.store.moveRun(runId, NOT_COMPLETED, totals);
    return { done };
  }
}
