import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus series, one registry per process. It is kept on `globalThis` because the
 * web server's bundles may each evaluate this module: a second registry would split the counts (and
 * prom-client refuses a series name twice in one registry).
 */
export type AulaMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for('aula.telemetry.metrics');
const holder = globalThis as typeof globalThis & { [KEY]?: AulaMetrics };

export function metrics(): AulaMetrics {
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

/** Provider calls last from ~0.1 s (a short tutor answer) to minutes (a whole lesson). */
const CALL_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 45, 90, 180, 300];
const JOB_BUCKETS = [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 600, 1800];
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const llm = ['provider', 'model', 'task'] as const;
  return {
    registry,
    llmCalls: new Counter({
      name: 'aula_llm_calls_total',
      help: 'Provider calls (each attempt of a chain and each repair is one), by outcome: ok or the error code.',
      labelNames: [...llm, 'outcome'],
      registers: [registry],
    }),
    llmErrors: new Counter({
      name: 'aula_llm_errors_total',
      help: 'Provider calls that failed, by error code (rate_limited, unavailable, invalid_output, …).',
      labelNames: [...llm, 'code'],
      registers: [registry],
    }),
    llmTokens: new Counter({
      name: 'aula_llm_tokens_total',
      help: 'Tokens used (as the provider reported them, else estimated as characters / 4), by direction: in or out.',
      labelNames: [...llm, 'direction'],
      registers: [registry],
    }),
    llmCost: new Counter({
      name: 'aula_llm_cost_usd_total',
      help: 'What the calls cost in US dollars by the price table (0 for unpriced models).',
      labelNames: llm,
      registers: [registry],
    }),
    llmDuration: new Histogram({
      name: 'aula_llm_call_duration_seconds',
      help: 'How long one provider call took, answered or failed.',
      labelNames: llm,
      buckets: CALL_BUCKETS,
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'aula_jobs_total',
      help: 'Jobs the workers finished, by queue, job name and state (completed or failed).',
      labelNames: ['queue', 'name', 'state'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'aula_job_duration_seconds',
      help: 'From a job being taken to its end (one attempt), by queue, job name and state.',
      labelNames: ['queue', 'name', 'state'],
      buckets: JOB_BUCKETS,
      registers: [registry],
    }),
    tutorTtft: new Histogram({
      name: 'aula_tutor_time_to_first_token_seconds',
      help: "From the student's message arriving to the tutor's first token leaving, by provider and model.",
      labelNames: ['provider', 'model'],
      buckets: TTFT_BUCKETS,
      registers: [registry],
    }),
  };
}

export type LlmCallRecord = {
  provider: string;
  model: string;
  task: string;
  seconds: number;
  /** What the call used, when the provider answered (or got as far as some tokens). */
  usage?: { inputTokens: number; outputTokens: number };
  costUsd?: number;
  /** The LlmError code when the call failed. */
  error?: string;
};

/** One provider call, whatever its outcome: called once per call by @aula/llm. */
export function recordLlmCall(call: LlmCallRecord): void {
  const m = metrics();
  const labels = { provider: call.provider, model: call.model, task: call.task };
  m.llmCalls.inc({ ...labels, outcome: call.error ?? 'ok' });
  if (call.error) m.llmErrors.inc({ ...labels, code: call.error });
  m.llmDuration.observe(labels, call.seconds);
  if (call.usage) {
    m.llmTokens.inc({ ...labels, direction: 'in' }, call.usage.inputTokens);
    m.llmTokens.inc({ ...labels, direction: 'out' }, call.usage.outputTokens);
  }
  if (call.costUsd) m.llmCost.inc(labels, call.costUsd);
}

export function recordJob(job: { queue: string; name: string; state: 'completed' | 'failed'; seconds?: number }): void {
  const m = metrics();
  const labels = { queue: job.queue, name: job.name, state: job.state };
  m.jobs.inc(labels);
  if (job.seconds !== undefined) m.jobDuration.observe(labels, job.seconds);
}

export function recordTutorFirstToken(who: { provider: string; model: string }, seconds: number): void {
  metrics().tutorTtft.observe(who, seconds);
}

export type QueueDepth = { queue: string; counts: Record<string, number>; oldestWaitingSeconds: number };

/**
 * Reads the queues' depth when scraped (not on a timer): `read` asks BullMQ for its counts then. Call
 * once per process; a failing read leaves the series out of that scrape rather than failing it.
 */
export function registerQueueDepth(read: () => Promise<QueueDepth[]>): void {
  const { registry } = metrics();
  for (const name of ['aula_queue_jobs', 'aula_queue_oldest_waiting_seconds']) registry.removeSingleMetric(name);
  let pending: Promise<QueueDepth[]> | undefined;
  // Both gauges are collected in one scrape: one read serves both.
  const once = () => {
    pending ??= read().finally(() => setTimeout(() => (pending = undefined), 0));
    return pending;
  };
  new Gauge({
    name: 'aula_queue_jobs',
    help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed, completed), read at scrape time.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const depths = await once().catch(() => []);
      for (const d of depths) for (const [state, n] of Object.entries(d.counts)) this.set({ queue: d.queue, state }, n);
    },
  });
  new Gauge({
    name: 'aula_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting to be taken in each queue (0 when none waits): a queue that does not move grows it.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      const depths = await once().catch(() => []);
      for (const d of depths) this.set({ queue: d.queue }, d.oldestWaitingSeconds);
    },
  });
}

/** The Prometheus text exposition of every series of this process. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
