import { DEFAULT_RECHECK_REFERENCES_MS, QUEUES, type QueueName } from '@aula/jobs';
import { readOutboundPolicy } from '@aula/net';
import { LOG_LEVELS } from '@aula/telemetry/log-levels';
import { z } from 'zod';

/**
 * The workers' configuration, read and validated once at start-up; nothing else reads process.env but
 * main.ts's readLlmSettings (@aula/llm's one schema of provider keys, chains, prices and the daily
 * generation caps).
 */
const WorkerEnvFields = z.object({
  /** production: a course-ready webhook needs its secret, and Redis eviction is never allowed. */
  AULA_ENV: z.enum(['local', 'production']).default('local'),
  DIRECTUS_URL: z.url().default('http://127.0.0.1:8055'),
  AULA_GENERATOR_TOKEN: z.string().min(16, 'AULA_GENERATOR_TOKEN must be the Generator account’s static token'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  AULA_REDIS_PREFIX: z.string().default('aula:'),
  AULA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * The queues this host serves, a comma list (`generation`, `trends`); all of them by default. A host
   * that serves only `trends` answers the trend scans without queueing behind a course's lessons.
   */
  AULA_WORKER_QUEUES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const names = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(QUEUES as readonly string[]).includes(n));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown queue ${unknown.join(', ')} (known: ${QUEUES.join(', ')})` });
        return z.NEVER;
      }
      return (names.length > 0 ? [...new Set(names)] : [...QUEUES]) as QueueName[];
    }),
  /** Production refuses a Redis that may evict keys (BullMQ would lose jobs); tests and `npm start` may relax it. */
  AULA_ALLOW_REDIS_EVICTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long a job's lock lasts: a worker that died mid-job has its job taken over after about this long. */
  AULA_WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /**
   * Non-public addresses that outbound requests (reference checks, the course-ready webhook) may still
   * reach: a comma list of addresses/CIDRs. Empty by default; the test stacks allow 127.0.0.1.
   */
  AULA_OUTBOUND_ALLOW: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return readOutboundPolicy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * How often the published courses' references are re-checked (broken ones hidden from students, ones
   * that work again shown), in ms: daily by default; 0 stops the schedule. Any host serving `generation`
   * sets it (one schedule per Redis prefix: the last host started wins).
   */
  AULA_REFERENCES_RECHECK_MS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number()
      .int()
      .refine((ms) => ms === 0 || ms >= 60_000, 'must be 0 (off) or at least 60000 (a minute)')
      .default(DEFAULT_RECHECK_REFERENCES_MS),
  ),
  /** Where a run's end is announced (n8n's "Course ready" workflow); unset = no announcement. */
  AULA_COURSE_READY_WEBHOOK_URL: z.url().optional(),
  /** Sent as `x-aula-webhook-secret`, so the receiver can tell the call comes from Aula. */
  AULA_COURSE_READY_WEBHOOK_SECRET: z.string().optional(),
  /** The web app's public address: the event links to `${AULA_PUBLIC_URL}/studio/runs/<id>`. */
  AULA_PUBLIC_URL: z.url().optional(),
  /**
   * The quiz checks' optional model check (decision 020): `on` asks the generation model, once per quiz,
   * which questions read as ambiguous (one more call, within the run's cost cap). Off by default.
   */
  AULA_QUIZ_AMBIGUITY_CHECK: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(['on', 'off'])
      .default('off')
      .transform((v) => v === 'on'),
  ),
  /** Per-provider limits, e.g. "groq=30/6000,gemini=15/250000" (requests/tokens per minute). */
  AULA_PROVIDER_RATE_LIMITS: z.string().default(''),
  /** The JSON log lines' threshold (fatal, error, warn, info, debug, trace, silent). */
  LOG_LEVEL: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LOG_LEVELS).default('info')),
  /** Where `GET /metrics` (Prometheus text) listens; unset = no listener, 0 = any free port (tests). */
  AULA_WORKERS_METRICS_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65_535).optional(),
  ),
  /** The listener's address: loopback unless a scraper on another host must reach it (a private address). */
  AULA_WORKERS_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The bearer token a scrape must send; required in production when the listener is on. */
  AULA_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'AULA_METRICS_TOKEN must be at least 16 characters (a random secret)').optional(),
  ),
});
const WorkerEnv = WorkerEnvFields.superRefine((env, ctx) => {
  if (env.AULA_ENV !== 'production') return;
  if (env.AULA_COURSE_READY_WEBHOOK_URL && (env.AULA_COURSE_READY_WEBHOOK_SECRET ?? '').length < 16) {
    ctx.addIssue({
      code: 'custom',
      path: ['AULA_COURSE_READY_WEBHOOK_SECRET'],
      message: 'must be set (at least 16 characters) in production when AULA_COURSE_READY_WEBHOOK_URL is',
    });
  }
  if (env.AULA_WORKERS_METRICS_PORT !== undefined && !env.AULA_METRICS_TOKEN) {
    ctx.addIssue({
      code: 'custom',
      path: ['AULA_METRICS_TOKEN'],
      message: 'must be set in production when AULA_WORKERS_METRICS_PORT is (scrapes send it as a bearer token)',
    });
  }
  if (env.AULA_ALLOW_REDIS_EVICTION) {
    ctx.addIssue({ code: 'custom', path: ['AULA_ALLOW_REDIS_EVICTION'], message: 'must not be true in production' });
  }
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export function readWorkerEnv(env: Record<string, string | undefined> = process.env): WorkerEnv {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} — ${issue.message}`);
    throw new Error(`workers: ${problems.join('; ')}`);
  }
  return parsed.data;
}
