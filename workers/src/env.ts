import { z } from 'zod';

/** A spending ceiling: a positive number, or "none" for no ceiling. */
const ceiling = (value: z.ZodType<number>, fallback: number | null) =>
  z
    .union([z.literal('none').transform(() => null), value])
    .optional()
    .transform((v) => (v === undefined ? fallback : v));

/** The workers' configuration, read and validated once at start-up; nothing else reads process.env. */
const WorkerEnv = z.object({
  DIRECTUS_URL: z.url().default('http://127.0.0.1:8055'),
  AULA_GENERATOR_TOKEN: z.string().min(16, 'AULA_GENERATOR_TOKEN must be the Generator account’s static token'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  AULA_REDIS_PREFIX: z.string().default('aula:'),
  AULA_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Production refuses a Redis that may evict keys (BullMQ would lose jobs); tests and `npm start` may relax it. */
  AULA_ALLOW_REDIS_EVICTION: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long a job's lock lasts: a worker that died mid-job has its job taken over after about this long. */
  AULA_WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Tests only: reference URLs on loopback/private hosts pass the check (the provider emulator's pages). */
  AULA_REFERENCES_ALLOW_PRIVATE_HOSTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Where a run's end is announced (n8n's "Course ready" workflow); unset = no announcement. */
  AULA_COURSE_READY_WEBHOOK_URL: z.url().optional(),
  /** Sent as `x-aula-webhook-secret`, so the receiver can tell the call comes from Aula. */
  AULA_COURSE_READY_WEBHOOK_SECRET: z.string().optional(),
  /** The web app's public address: the event links to `${AULA_PUBLIC_URL}/studio/runs/<id>`. */
  AULA_PUBLIC_URL: z.url().optional(),
  /** The whole site's generation per UTC day: US$ (default 25) and tokens in + out (default none); "none" = no ceiling. */
  AULA_GENERATION_DAILY_USD_CAP: ceiling(z.coerce.number().positive(), 25),
  AULA_GENERATION_DAILY_TOKEN_CAP: ceiling(z.coerce.number().int().positive(), null),
  /** Per-provider limits, e.g. "groq=30/6000,gemini=15/250000" (requests/tokens per minute). */
  AULA_PROVIDER_RATE_LIMITS: z.string().default(''),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export function readWorkerEnv(env: Record<string, string | undefined> = process.env): WorkerEnv {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`workers: ${issue?.path.join('.')} — ${issue?.message}`);
  }
  return parsed.data;
}
