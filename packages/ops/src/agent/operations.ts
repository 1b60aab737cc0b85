import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, OnStep, Operation, OperationKind, StepState } from '../contract.ts';

/**
 * The agent's long pieces of work and its audit log. An operation runs in the background with an
 * AbortController; its steps fill in as the work reports them (`onStep`), and `cancel` aborts it,
 * marking the running step and every pending one as cancelled. Each start and end is one line of
 * `<dataDir>/audit.jsonl`: who, what, when, outcome.
 */
export type OperationContext = {
  signal: AbortSignal;
  onStep: OnStep;
  progress: (share: number) => void;
  /** Runs `work` as the step `name`: running → done, or failed with its error. */
  step: <T>(name: string, work: () => Promise<T>, detail?: (result: T) => string | undefined) => Promise<T>;
};

export class AuditLog {
  readonly file: string;
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'audit.jsonl');
  }
  write(entry: Omit<AuditEntry, 'at'>): AuditEntry {
    const full: AuditEntry = { at: new Date().toISOString(), ...entry };
    appendFileSync(this.file, `${JSON.stringify(full)}\n`, { mode: 0o600 });
    return full;
  }
  /** The latest first. */
  read(limit: number): AuditEntry[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n').filter(Boolean);
    return lines
      .slice(-limit)
      .reverse()
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as AuditEntry];
        } catch {
          return []; // a line cut short by a crash
        }
      });
  }
}

export class CancelledError extends Error {
  constructor() {
    super('stopped by request');
    this.name = 'CancelledError';
  }
}

const KEEP = 100;

export class Operations {
  private readonly byId = new Map<string, { op: Operation; controller: AbortController; done: Promise<void> }>();
  private readonly audit: AuditLog;
  constructor(audit: AuditLog) {
    this.audit = audit;
  }

  list(): Operation[] {
    return [...this.byId.values()].map((e) => e.op).reverse();
  }
  get(id: string): Operation | undefined {
    return this.byId.get(id)?.op;
  }
  /** Resolves when the operation has ended (tests, the CLI). */
  settled(id: string): Promise<void> {
    return this.byId.get(id)?.done ?? Promise.resolve();
  }

  start(
    kind: OperationKind,
    actor: string,
    target: string | undefined,
    steps: string[],
    work: (ctx: OperationContext) => Promise<unknown>,
  ): Operation {
    const controller = new AbortController();
    const op: Operation = {
      id: randomUUID(),
      kind,
      state: 'running',
      actor,
      startedAt: new Date().toISOString(),
      steps: steps.map((name) => ({ name, state: 'pending' as StepState })),
    };
    this.audit.write({ actor, action: kind, ...(target ? { target } : {}), outcome: 'started', detail: op.id });
    const onStep: OnStep = (name, state, detail) => {
      let step = op.steps.find((s) => s.name === name);
      if (!step) {
        step = { name, state: 'pending' };
        op.steps.push(step);
      }
      if (op.state !== 'running' && state === 'running') return;
      const now = new Date().toISOString();
      if (state === 'running') step.startedAt ??= now;
      else if (state !== 'pending') step.endedAt = now;
      step.state = state;
      if (detail !== undefined) step.detail = detail;
    };
    const ctx: OperationContext = {
      signal: controller.signal,
      onStep,
      progress: (share) => {
        op.progress = Math.max(0, Math.min(1, share));
      },
      step: async (name, run, detail) => {
        if (controller.signal.aborted) throw new CancelledError();
        onStep(name, 'running');
        try {
          const result = await run();
          if (controller.signal.aborted) throw new CancelledError();
          onStep(name, 'done', detail?.(result));
          return result;
        } catch (error) {
          if (controller.signal.aborted) onStep(name, 'cancelled');
          else onStep(name, 'failed', (error as Error).message);
          throw controller.signal.aborted ? new CancelledError() : error;
        }
      },
    };
    const done = (async () => {
      try {
        op.result = await work(ctx);
        if (controller.signal.aborted) throw new CancelledError();
        op.state = 'done';
        op.progress = 1;
      } catch (error) {
        op.state = controller.signal.aborted ? 'cancelled' : 'failed';
        if (op.state === 'failed') op.error = (error as Error).message;
      }
      const end: StepState = op.state === 'done' ? 'skipped' : 'cancelled';
      for (const step of op.steps) {
        if (step.state === 'running') step.state = op.state === 'failed' ? 'failed' : 'cancelled';
        if (step.state === 'pending') step.state = end;
      }
      op.endedAt = new Date().toISOString();
      this.audit.write({
        actor,
        action: kind,
        ...(target ? { target } : {}),
        outcome: op.state === 'done' ? 'done' : 'failed',
        detail: op.state === 'done' ? op.id : `${op.id}: ${op.state === 'cancelled' ? 'stopped by request' : op.error}`,
      });
    })();
    this.byId.set(op.id, { op, controller, done });
    // Keep the latest KEEP operations.
    for (const [id, entry] of this.byId) {
      if (this.byId.size <= KEEP) break;
      if (entry.op.state !== 'running') this.byId.delete(id);
    }
    return op;
  }

  cancel(id: string, actor: string): Operation | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    if (entry.op.state === 'running') {
      this.audit.write({ actor, action: 'cancel', target: entry.op.kind, outcome: 'done', detail: id });
      entry.controller.abort(new CancelledError());
      for (const step of entry.op.steps) if (step.state === 'running') step.state = 'cancelled';
    }
    return entry.op;
  }
}
