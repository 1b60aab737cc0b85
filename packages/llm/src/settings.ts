import { PROVIDERS, type Provider } from '@aula/domain';
import { z } from 'zod';
import type { LlmConfig, ProviderChoice, ReasoningEffort, Task } from './types.ts';

type Env = Record<string, string | undefined>;

/** Environment variables holding each provider's key (the first set one wins). */
export const KEY_VARS: Record<Provider, string[]> = {
  gemini: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
  groq: ['GROQ_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  'gpt-oss': ['GPT_OSS_API_KEY'],
};

const BASE_URLS: Record<Provider, [string, string]> = {
  gemini: ['GEMINI_BASE_URL', 'https://generativelanguage.googleapis.com'],
  groq: ['GROQ_BASE_URL', 'https://api.groq.com'],
  openai: ['OPENAI_BASE_URL', 'https://api.openai.com/v1'],
  openrouter: ['OPENROUTER_BASE_URL', 'https://openrouter.ai/api/v1'],
  'gpt-oss': ['GPT_OSS_BASE_URL', 'http://127.0.0.1:11434/v1'],
};

const MODELS: Record<Exclude<Provider, 'gpt-oss'>, Record<Task, string>> = {
  gemini: { generation: 'gemini-2.5-flash', tutor: 'gemini-2.5-flash-lite' },
  groq: { generation: 'openai/gpt-oss-120b', tutor: 'llama-3.1-8b-instant' },
  openai: { generation: 'gpt-4.1-mini', tutor: 'gpt-4.1-mini' },
  openrouter: { generation: 'google/gemini-2.5-flash', tutor: 'google/gemini-2.5-flash' },
};

/** Providers whose OpenAI-compatible `images/generations` can draw a cover (gpt-oss: a local server that has one). */
export const COVER_PROVIDERS = ['openai', 'gpt-oss'] as const;
const COVER_MODELS: Record<(typeof COVER_PROVIDERS)[number], string> = {
  openai: 'gpt-image-1-mini',
  'gpt-oss': 'dall-e-3',
};

const EFFORTS = ['low', 'medium', 'high'] as const satisfies ReasoningEffort[];

/** Text as written in a .env file: trimmed, and empty counts as unset. */
const blankIsUnset = (value: unknown) => {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
};
const setting = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema);
const got = (input: unknown) => `got "${String(input)}"`;

const text = setting(z.string().optional());
const httpUrl = setting(
  z
    .string()
    .refine(
      (value) => {
        try {
          return ['http:', 'https:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: (issue) => `must be an http(s) URL; ${got(issue.input)}` },
    )
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  setting(z.enum(values, { error: (issue) => `must be one of ${values.join(', ')}; ${got(issue.input)}` }).optional());
const integer = (min: number, max: number, fallback: number) =>
  setting(
    z
      .string()
      .default(String(fallback))
      .transform((value, ctx) => {
        const n = Number(value);
        if (Number.isInteger(n) && n >= min && n <= max) return n;
        ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}; ${got(value)}` });
        return z.NEVER;
      }),
  );
/** A spending ceiling: a positive number, "none" for no ceiling, or unset for `fallback`. */
const ceiling = (fallback: number | null, { whole = false } = {}) =>
  setting(
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return fallback;
        if (value === 'none') return null;
        const n = Number(value);
        if (Number.isFinite(n) && n > 0 && (!whole || Number.isInteger(n))) return n;
        ctx.addIssue({
          code: 'custom',
          message: `must be a positive ${whole ? 'whole number' : 'number'} or "none"; ${got(value)}`,
        });
        return z.NEVER;
      }),
  );
/** `provider[:model], …`; set but empty = no fallbacks, unset = every other configured provider. */
const fallbacks = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    return entries.map((entry) => {
      const at = entry.indexOf(':');
      const provider = at === -1 ? entry : entry.slice(0, at);
      if (!(PROVIDERS as readonly string[]).includes(provider)) {
        ctx.addIssue({
          code: 'custom',
          message: `must list provider[:model] entries, the providers among ${PROVIDERS.join(', ')}; got "${provider}"`,
        });
      }
      return { provider: provider as Provider, model: at === -1 ? undefined : entry.slice(at + 1).trim() || undefined };
    });
  });

/**
 * Every variable the LLM settings are read from, with its rule. The names and defaults are the ones
 * README.md, SECURITY.md and .env.example document; nothing else in Aula reads them.
 */
const LlmEnv = z.object({
  GOOGLE_API_KEY: text,
  GEMINI_API_KEY: text,
  GROQ_API_KEY: text,
  OPENAI_API_KEY: text,
  OPENROUTER_API_KEY: text,
  GPT_OSS_API_KEY: text,
  GEMINI_BASE_URL: httpUrl,
  GROQ_BASE_URL: httpUrl,
  OPENAI_BASE_URL: httpUrl,
  OPENROUTER_BASE_URL: httpUrl,
  GPT_OSS_BASE_URL: httpUrl,
  /** The model a local or self-hosted GPT-OSS server serves (default gpt-oss:20b). */
  GPT_OSS_MODEL: text,
  GPT_OSS_REASONING_EFFORT: oneOf(EFFORTS),
  /** Each task's chain: its first provider and model, then its fallbacks. */
  AULA_GENERATION_PROVIDER: oneOf(PROVIDERS),
  AULA_GENERATION_MODEL: text,
  AULA_GENERATION_FALLBACKS: fallbacks,
  AULA_TUTOR_PROVIDER: oneOf(PROVIDERS),
  AULA_TUTOR_MODEL: text,
  AULA_TUTOR_FALLBACKS: fallbacks,
  /** The image model of course covers: a provider with an OpenAI-compatible images endpoint. Unset: covers are drawn. */
  AULA_COVER_PROVIDER: oneOf(COVER_PROVIDERS),
  AULA_COVER_MODEL: text,
  BROWSER_USE_API_KEY: text,
  BROWSER_USE_BASE_URL: httpUrl,
  BROWSER_USE_POLL_INTERVAL_MS: integer(1, 60_000, 2_000),
  /** "input/output" US$ per 1M tokens, for models the price table does not know. */
  AULA_LLM_FALLBACK_PRICE: setting(
    z
      .string()
      .regex(/^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/, {
        error: (issue) => `must be "input/output" in US$ per 1M tokens, e.g. "3/15"; ${got(issue.input)}`,
      })
      .transform((value) => {
        const [input, output] = value.split('/').map(Number);
        return { input: input as number, output: output as number };
      })
      .optional(),
  ),
  AULA_LLM_MAX_RETRIES: integer(0, 10, 2),
  AULA_LLM_TIMEOUT_MS: integer(1, 3_600_000, 300_000),
  /** The whole site's generation per UTC day: US$ (default 25) and tokens in + out (default none). */
  AULA_GENERATION_DAILY_USD_CAP: ceiling(25),
  AULA_GENERATION_DAILY_TOKEN_CAP: ceiling(null, { whole: true }),
  /** The tutor's site-wide budget per UTC day: US$ (default 10) and tokens (default none). */
  AULA_TUTOR_DAILY_USD_CAP: ceiling(10),
  AULA_TUTOR_DAILY_TOKEN_CAP: ceiling(null, { whole: true }),
  /** What one regeneration may cost when its request names no cap (default US$1). */
  AULA_REGENERATION_COST_CAP_USD: ceiling(1),
});

/** The names of every LLM variable, for a runnable that passes them on to another (npm start → Directus). */
export const LLM_VARIABLES = Object.keys(LlmEnv.shape) as (keyof typeof LlmEnv.shape)[];

/** The LLM variables of `env` (set ones only), to pass on to a process that reads them with readLlmSettings. */
export function llmVariables(env: Env): Record<string, string> {
  return Object.fromEntries(LLM_VARIABLES.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

/** A spending ceiling per UTC day; null = none. */
export type DailyCaps = { maxUsd: number | null; maxTokens: number | null };

/** Everything about LLM calls that the environment sets: providers, chains, prices, retries and caps. */
export type LlmSettings = LlmConfig & {
  /** The providers with a key (gpt-oss: a base URL or a key), in the order the chains prefer them. */
  configured: Provider[];
  caps: {
    /** The site's generation per UTC day (AULA_GENERATION_DAILY_USD_CAP / _TOKEN_CAP). */
    generationDaily: DailyCaps;
    /** The tutor's site-wide budget per UTC day (AULA_TUTOR_DAILY_USD_CAP / _TOKEN_CAP). */
    tutorDaily: DailyCaps;
    /** A regeneration's cost cap when its request names none (AULA_REGENERATION_COST_CAP_USD); null = none. */
    regenerationUsd: number | null;
  };
};

/**
 * Reads and validates the LLM settings from an environment (`process.env`, or Directus's as text);
 * an invalid value throws one error naming each bad variable and why.
 */
export function readLlmSettings(env: Env): LlmSettings {
  const parsed = LlmEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
  }
  const e = parsed.data;
  const providers = Object.fromEntries(
    PROVIDERS.map((p) => {
      const [urlVar, fallback] = BASE_URLS[p];
      const apiKey = KEY_VARS[p].map((name) => e[name as keyof typeof e] as string | undefined).find(Boolean);
      const baseUrl = (e[urlVar as keyof typeof e] as string | undefined) ?? fallback;
      return [p, { ...(apiKey ? { apiKey } : {}), baseUrl }];
    }),
  ) as LlmConfig['providers'];
  const gptOssModel = e.GPT_OSS_MODEL ?? 'gpt-oss:20b';
  const models = { ...MODELS, 'gpt-oss': { generation: gptOssModel, tutor: gptOssModel } };
  const configured = PROVIDERS.filter((p) =>
    p === 'gpt-oss' ? Boolean(e.GPT_OSS_BASE_URL || e.GPT_OSS_API_KEY) : Boolean(providers[p].apiKey),
  );
  const chainFor = (task: Task): ProviderChoice[] => {
    const [named, model, listed] =
      task === 'generation'
        ? [e.AULA_GENERATION_PROVIDER, e.AULA_GENERATION_MODEL, e.AULA_GENERATION_FALLBACKS]
        : [e.AULA_TUTOR_PROVIDER, e.AULA_TUTOR_MODEL, e.AULA_TUTOR_FALLBACKS];
    const primary = named ?? (task === 'tutor' && configured.includes('groq') ? 'groq' : (configured[0] ?? 'gpt-oss'));
    const first = { provider: primary, model: model ?? models[primary][task] };
    const rest = listed
      ? listed.map((c) => ({ provider: c.provider, model: c.model ?? models[c.provider][task] }))
      : configured.filter((p) => p !== primary).map((p) => ({ provider: p, model: models[p][task] }));
    return dedupe([first, ...rest]);
  };

  const coverProvider = e.AULA_COVER_PROVIDER;
  return {
    providers,
    models,
    cover:
      coverProvider && configured.includes(coverProvider)
        ? { provider: coverProvider, model: e.AULA_COVER_MODEL ?? COVER_MODELS[coverProvider] }
        : null,
    chains: { generation: chainFor('generation'), tutor: chainFor('tutor') },
    gptOssReasoningEffort: e.GPT_OSS_REASONING_EFFORT ?? 'low',
    browserUse: {
      ...(e.BROWSER_USE_API_KEY ? { apiKey: e.BROWSER_USE_API_KEY } : {}),
      baseUrl: e.BROWSER_USE_BASE_URL ?? 'https://api.browser-use.com/api/v2',
      pollIntervalMs: e.BROWSER_USE_POLL_INTERVAL_MS,
      timeoutMs: 10 * 60_000,
      maxSteps: 25,
    },
    configured,
    unconfigured: configured.length === 0,
    fallbackPrice: e.AULA_LLM_FALLBACK_PRICE ?? null,
    maxRetries: e.AULA_LLM_MAX_RETRIES,
    timeoutMs: e.AULA_LLM_TIMEOUT_MS,
    caps: {
      generationDaily: { maxUsd: e.AULA_GENERATION_DAILY_USD_CAP, maxTokens: e.AULA_GENERATION_DAILY_TOKEN_CAP },
      tutorDaily: { maxUsd: e.AULA_TUTOR_DAILY_USD_CAP, maxTokens: e.AULA_TUTOR_DAILY_TOKEN_CAP },
      regenerationUsd: e.AULA_REGENERATION_COST_CAP_USD,
    },
  };
}

/** A one-line summary safe for logs: chains and which keys are present, never the keys. */
export function describeLlmSettings(settings: LlmConfig): string {
  const chain = (task: Task) => settings.chains[task].map((c) => `${c.provider}:${c.model}`).join(' → ');
  const keys = PROVIDERS.filter((p) => settings.providers[p].apiKey);
  return `generation: ${chain('generation')}; tutor: ${chain('tutor')}; keys: ${keys.join(', ') || 'none'}; browser-use: ${settings.browserUse.apiKey ? 'on' : 'off'}`;
}

export function dedupe(choices: ProviderChoice[]): ProviderChoice[] {
  const seen = new Set<string>();
  return choices.filter((c) => {
    const key = `${c.provider}:${c.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
