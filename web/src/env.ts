// The settings module alone (zod, no provider SDKs): the middleware imports this file too.
import { type LlmSettings, readLlmSettings } from '@aula/llm/settings';
import { LOG_LEVELS } from '@aula/telemetry/log-levels';
import { z } from 'zod';
import { parseTrustedProxies } from './shared/edge/trusted-proxies.ts';

/** Empty variables count as unset, so `DIRECTUS_URL=` in a compose file falls back to the default. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const EnvFields = z.object({
  /** production: the tutor's service key is required (no tutor answering 503 by accident). */
  AULA_ENV: z.preprocess(unsetIfEmpty, z.enum(['local', 'production']).default('local')),
  /** Where the server reaches Directus (never sent to browsers). */
  DIRECTUS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8055' })
      .default('http://127.0.0.1:8055')
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  /**
   * Where people reach Directus's Data Studio in their browser (the studio links to it for raw
   * editing); DIRECTUS_URL when unset.
   */
  DIRECTUS_PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://cms.example.org' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * The key the course API asks for before it stores the tutor's answers (the same value as
   * Directus's AULA_TUTOR_SERVICE_KEY). Without it the tutor answers 503.
   */
  AULA_TUTOR_SERVICE_KEY: z.preprocess(
    unsetIfEmpty,
    z.string().min(16, { error: 'must be at least 16 characters (a random secret)' }).optional(),
  ),
  /**
   * The same value as the set-up's AULA_SIGNUP_VERIFY_EMAIL: sign-ups confirm their e-mail before
   * they can sign in, so the sign-up page says "check your e-mail" instead of signing them in.
   */
  AULA_SIGNUP_VERIFY_EMAIL: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  ),
  /**
   * The proxies in front of the site whose X-Forwarded-For/-Host/-Proto are believed: addresses,
   * CIDR ranges, or `loopback` / `linklocal` / `uniquelocal`, comma separated. None by default: the
   * connection's own address is the caller's.
   */
  AULA_TRUSTED_PROXIES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `${error instanceof Error ? error.message : String(error)}; expected addresses or CIDR ranges, comma separated (e.g. 10.0.0.0/8, 192.0.2.7)`,
          });
          return z.NEVER;
        }
      }),
  ),
  /** The site's public address (https://aula.example.org): its origin is the site's own for cross-site checks. */
  AULA_PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://aula.example.org' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * The admin panel's servers: a JSON file listing each host's agent (`infra/servers.example.json`),
   * read on every request so that an edit needs no restart. Without it, AULA_AGENT_URL names a single
   * host ("main"); with neither, the panel explains how to configure them.
   */
  AULA_SERVERS: z.preprocess(unsetIfEmpty, z.string().optional()),
  AULA_AGENT_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8070' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * How many backups Main's agent keeps in its backup folder (the same variable as the agent's, on the
   * same host); the panel says so beside the list.
   */
  AULA_BACKUP_KEEP: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).default(14)),
  /**
   * The host agents' shared secret (Authorization: Bearer); only the web server sends it. A server of
   * the servers file may have its own in AULA_AGENT_TOKEN_<NAME> (see `agentTokens`).
   */
  AULA_AGENT_TOKEN: z.preprocess(
    unsetIfEmpty,
    z.string().min(16, { error: 'must be at least 16 characters (a random secret)' }).optional(),
  ),
  /**
   * Aula's Redis (the same as Directus's REDIS and the workers' REDIS_URL) and the prefix of its keys:
   * the web reads the content version there (decision 016) before it trusts what it kept of published
   * content. Unset, every page asks Directus afresh whether a course is still published.
   */
  REDIS_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' }).optional(),
  ),
  AULA_REDIS_PREFIX: z.preprocess(unsetIfEmpty, z.string().default('aula:')),
  /** The server's JSON log lines' threshold (fatal, error, warn, info, debug, trace, silent). */
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS).default('info')),
  /**
   * The bearer token `GET /api/metrics` asks for. Unset, the metrics are open locally and refused in
   * production (the endpoint says to set it).
   */
  AULA_METRICS_TOKEN: z.preprocess(
    unsetIfEmpty,
    z.string().min(16, { error: 'must be at least 16 characters (a random secret)' }).optional(),
  ),
});
const Env = EnvFields.superRefine((env, ctx) => {
  if (env.AULA_ENV === 'production' && !env.AULA_TUTOR_SERVICE_KEY) {
    ctx.addIssue({ code: 'custom', path: ['AULA_TUTOR_SERVICE_KEY'], message: 'must be set in production' });
  }
});
export type Env = z.infer<typeof Env>;

/** Validates the variables the web app reads; the error names each bad variable and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`@aula/web: invalid environment\n${problems.join('\n')}`);
}

// The only place in the web app that reads process.env.
export const env = parseEnv(process.env);
/**
 * The host agents' tokens: AULA_AGENT_TOKEN_<NAME> for one server of the servers file, AULA_AGENT_TOKEN
 * for the rest (as the `aula` CLI reads them: `tokenFor` in @aula/ops/servers). Server-only.
 */
export const agentTokens: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(process.env).filter(([name, value]) => /^AULA_AGENT_TOKEN(_[A-Z0-9_]+)?$/.test(name) && value),
);
/** The Data Studio's address for links in pages. */
export const directusPublicUrl = env.DIRECTUS_PUBLIC_URL ?? env.DIRECTUS_URL;

let llm: LlmSettings | undefined;
/**
 * The LLM settings (the tutor's chain, provider keys, prices) through @aula/llm's schema, read on
 * first use: a bad value fails the tutor and the provider check, not the whole site.
 */
export function llmSettings(): LlmSettings {
  llm ??= readLlmSettings(process.env);
  return llm;
}
