import { PROVIDERS, type Provider } from '@aula/domain';
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

const TASK_VARS: Record<Task, string> = { generation: 'AULA_GENERATION', tutor: 'AULA_TUTOR' };
const EFFORTS: ReasoningEffort[] = ['low', 'medium', 'high'];

/** Reads and validates the LLM settings; an invalid value throws an error naming its variable. */
export function readLlmConfig(env: Env): LlmConfig {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const providers = Object.fromEntries(
    PROVIDERS.map((p) => {
      const [urlVar, fallback] = BASE_URLS[p];
      const apiKey = KEY_VARS[p].map(get).find(Boolean);
      return [p, { ...(apiKey ? { apiKey } : {}), baseUrl: httpUrl(urlVar, get(urlVar) ?? fallback) }];
    }),
  ) as LlmConfig['providers'];
  const gptOssModel = get('GPT_OSS_MODEL') ?? 'gpt-oss:20b';
  const models = { ...MODELS, 'gpt-oss': { generation: gptOssModel, tutor: gptOssModel } };
  const configured = PROVIDERS.filter((p) =>
    p === 'gpt-oss' ? Boolean(get('GPT_OSS_BASE_URL') || get('GPT_OSS_API_KEY')) : Boolean(providers[p].apiKey),
  );

  const effort = get('GPT_OSS_REASONING_EFFORT') ?? 'low';
  if (!EFFORTS.includes(effort as ReasoningEffort)) {
    throw new Error(`GPT_OSS_REASONING_EFFORT must be one of ${EFFORTS.join(', ')}; got "${effort}"`);
  }
  const chainFor = (task: Task): ProviderChoice[] => {
    const prefix = TASK_VARS[task];
    const named = get(`${prefix}_PROVIDER`);
    const primary = named
      ? provider(`${prefix}_PROVIDER`, named)
      : task === 'tutor' && configured.includes('groq')
        ? 'groq'
        : (configured[0] ?? 'gpt-oss');
    const first = { provider: primary, model: get(`${prefix}_MODEL`) ?? models[primary][task] };
    const listed = get(`${prefix}_FALLBACKS`);
    const fallbacks =
      env[`${prefix}_FALLBACKS`] !== undefined
        ? (listed ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((entry) => choiceFrom(`${prefix}_FALLBACKS`, entry, models, task))
        : configured.filter((p) => p !== primary).map((p) => ({ provider: p, model: models[p][task] }));
    return dedupe([first, ...fallbacks]);
  };

  return {
    providers,
    models,
    chains: { generation: chainFor('generation'), tutor: chainFor('tutor') },
    gptOssReasoningEffort: effort as ReasoningEffort,
    browserUse: {
      ...(get('BROWSER_USE_API_KEY') ? { apiKey: get('BROWSER_USE_API_KEY') } : {}),
      baseUrl: httpUrl('BROWSER_USE_BASE_URL', get('BROWSER_USE_BASE_URL') ?? 'https://api.browser-use.com/api/v2'),
      pollIntervalMs: integer('BROWSER_USE_POLL_INTERVAL_MS', get('BROWSER_USE_POLL_INTERVAL_MS') ?? '2000', 1, 60_000),
      timeoutMs: 10 * 60_000,
      maxSteps: 25,
    },
    unconfigured: configured.length === 0,
    fallbackPrice: fallbackPrice(get('AULA_LLM_FALLBACK_PRICE')),
    maxRetries: integer('AULA_LLM_MAX_RETRIES', get('AULA_LLM_MAX_RETRIES') ?? '2', 0, 10),
    timeoutMs: integer('AULA_LLM_TIMEOUT_MS', get('AULA_LLM_TIMEOUT_MS') ?? '300000', 1, 3_600_000),
  };
}

/** `AULA_LLM_FALLBACK_PRICE` = "input/output" US$ per 1M tokens, for models the price table does not know. */
function fallbackPrice(value: string | undefined): LlmConfig['fallbackPrice'] {
  if (value === undefined) return null;
  const match = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!match) {
    throw new Error(`AULA_LLM_FALLBACK_PRICE must be "input/output" in US$ per 1M tokens, e.g. "3/15"; got "${value}"`);
  }
  return { input: Number(match[1]), output: Number(match[2]) };
}

/** A one-line summary safe for logs: chains and which keys are present, never the keys. */
export function describeLlmConfig(config: LlmConfig): string {
  const chain = (task: Task) => config.chains[task].map((c) => `${c.provider}:${c.model}`).join(' → ');
  const keys = PROVIDERS.filter((p) => config.providers[p].apiKey);
  return `generation: ${chain('generation')}; tutor: ${chain('tutor')}; keys: ${keys.join(', ') || 'none'}; browser-use: ${config.browserUse.apiKey ? 'on' : 'off'}`;
}

function provider(name: string, value: string): Provider {
  if ((PROVIDERS as readonly string[]).includes(value)) return value as Provider;
  throw new Error(`${name} must be one of ${PROVIDERS.join(', ')}; got "${value}"`);
}

function choiceFrom(name: string, entry: string, models: LlmConfig['models'], task: Task): ProviderChoice {
  const at = entry.indexOf(':');
  const p = provider(name, at === -1 ? entry : entry.slice(0, at));
  const model = at === -1 ? '' : entry.slice(at + 1).trim();
  return { provider: p, model: model || models[p][task] };
}

function httpUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {}
  throw new Error(`${name} must be an http(s) URL; got "${value}"`);
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  throw new Error(`${name} must be an integer from ${min} to ${max}; got "${value}"`);
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
