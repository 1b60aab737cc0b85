import { describe, expect, it } from 'vitest';
import { describeLlmSettings, LLM_VARIABLES, llmVariables, readLlmSettings } from './settings.ts';

const chains = (env: Record<string, string>) => {
  const config = readLlmSettings(env);
  const fmt = (task: 'generation' | 'tutor') => config.chains[task].map((c) => `${c.provider}:${c.model}`);
  return { generation: fmt('generation'), tutor: fmt('tutor') };
};

describe('readLlmSettings', () => {
  it.each([
    ['nothing set → local gpt-oss', {}, ['gpt-oss:gpt-oss:20b'], ['gpt-oss:gpt-oss:20b']],
    [
      'groq key → groq for both, small model for the tutor',
      { GROQ_API_KEY: 'g' },
      ['groq:openai/gpt-oss-120b'],
      ['groq:llama-3.1-8b-instant'],
    ],
    [
      'gemini and groq → generation on gemini, tutor on groq, each other as fallback',
      { GEMINI_API_KEY: 'a', GROQ_API_KEY: 'g' },
      ['gemini:gemini-2.5-flash', 'groq:openai/gpt-oss-120b'],
      ['groq:llama-3.1-8b-instant', 'gemini:gemini-2.5-flash-lite'],
    ],
    [
      'explicit provider, model and fallbacks (model names may hold colons)',
      {
        OPENAI_API_KEY: 'o',
        AULA_GENERATION_PROVIDER: 'openrouter',
        AULA_GENERATION_MODEL: 'anthropic/claude-sonnet-4',
        AULA_GENERATION_FALLBACKS: 'gpt-oss:gpt-oss:120b, openai',
        AULA_TUTOR_FALLBACKS: '',
      },
      ['openrouter:anthropic/claude-sonnet-4', 'gpt-oss:gpt-oss:120b', 'openai:gpt-4.1-mini'],
      ['openai:gpt-4.1-mini'],
    ],
    [
      'GPT_OSS_BASE_URL counts as configured; GPT_OSS_MODEL names its model',
      { GPT_OSS_BASE_URL: 'http://gpu:8000/v1', GPT_OSS_MODEL: 'openai/gpt-oss-20b' },
      ['gpt-oss:openai/gpt-oss-20b'],
      ['gpt-oss:openai/gpt-oss-20b'],
    ],
  ])('%s', (_name, env, generation, tutor) => {
    expect(chains(env)).toEqual({ generation, tutor });
  });

  it('reads base URLs, keys, effort and retries, with defaults', () => {
    const config = readLlmSettings({
      GOOGLE_API_KEY: 'google',
      GEMINI_API_KEY: 'gemini',
      GPT_OSS_REASONING_EFFORT: 'high',
    });
    expect(config.providers.gemini).toEqual({ apiKey: 'google', baseUrl: 'https://generativelanguage.googleapis.com' });
    expect(config.providers.openrouter.baseUrl).toBe('https://openrouter.ai/api/v1');
    expect(config.providers['gpt-oss'].baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(config.gptOssReasoningEffort).toBe('high');
    expect(config.maxRetries).toBe(2);
    expect(config.unconfigured).toBe(false);
    expect(readLlmSettings({}).unconfigured).toBe(true);
    expect(readLlmSettings({ OPENAI_API_KEY: '  ' }).unconfigured).toBe(true);
  });

  it.each([
    [{ AULA_TUTOR_PROVIDER: 'anthropic' }, /AULA_TUTOR_PROVIDER must be one of gemini, groq/],
    [{ AULA_GENERATION_FALLBACKS: 'groq:x,mistral:y' }, /AULA_GENERATION_FALLBACKS/],
    [{ GPT_OSS_REASONING_EFFORT: 'max' }, /GPT_OSS_REASONING_EFFORT must be one of low, medium, high/],
    [{ GROQ_BASE_URL: 'api.groq.com' }, /GROQ_BASE_URL must be an http\(s\) URL/],
    [{ AULA_LLM_MAX_RETRIES: '-1' }, /AULA_LLM_MAX_RETRIES/],
    [{ AULA_GENERATION_DAILY_USD_CAP: '0' }, /AULA_GENERATION_DAILY_USD_CAP must be a positive number or "none"/],
    [{ AULA_TUTOR_DAILY_TOKEN_CAP: '1.5' }, /AULA_TUTOR_DAILY_TOKEN_CAP must be a positive whole number/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => readLlmSettings(env)).toThrow(message);
  });

  it('describes itself without keys', () => {
    const text = describeLlmSettings(readLlmSettings({ GROQ_API_KEY: 'gsk_secret', BROWSER_USE_API_KEY: 'bu_secret' }));
    expect(text).toContain('tutor: groq:llama-3.1-8b-instant');
    expect(text).not.toMatch(/secret/);
  });

  it('reads the caps of LLM calls, with their defaults, "none" for no ceiling', () => {
    expect(readLlmSettings({}).caps).toEqual({
      generationDaily: { maxUsd: 25, maxTokens: null },
      tutorDaily: { maxUsd: 10, maxTokens: null },
      regenerationUsd: 1,
    });
    const caps = readLlmSettings({
      AULA_GENERATION_DAILY_USD_CAP: 'none',
      AULA_GENERATION_DAILY_TOKEN_CAP: '500000',
      AULA_TUTOR_DAILY_USD_CAP: '2.5',
      AULA_REGENERATION_COST_CAP_USD: ' ',
    }).caps;
    expect(caps.generationDaily).toEqual({ maxUsd: null, maxTokens: 500_000 });
    expect(caps.tutorDaily.maxUsd).toBe(2.5);
    expect(caps.regenerationUsd).toBe(1);
  });

  it('names every bad variable at once', () => {
    expect(() => readLlmSettings({ GROQ_BASE_URL: 'nope', AULA_LLM_TIMEOUT_MS: '0' })).toThrow(
      /GROQ_BASE_URL must be an http\(s\) URL; got "nope"; AULA_LLM_TIMEOUT_MS must be an integer from 1 to 3600000/,
    );
  });
});

describe('llmVariables', () => {
  it('keeps the variables the settings read, and nothing else', () => {
    const vars = llmVariables({
      GROQ_API_KEY: 'g',
      AULA_TUTOR_PROVIDER: 'groq',
      AULA_GENERATION_FALLBACKS: '',
      AULA_TUTOR_DAILY_USD_CAP: '5',
      DIRECTUS_URL: 'x',
      SECRET: 's',
      GPT_OSS_MODEL: undefined,
    });
    expect(vars).toEqual({
      GROQ_API_KEY: 'g',
      AULA_TUTOR_PROVIDER: 'groq',
      AULA_GENERATION_FALLBACKS: '',
      AULA_TUTOR_DAILY_USD_CAP: '5',
    });
    expect(LLM_VARIABLES).toContain('AULA_LLM_FALLBACK_PRICE');
  });
});
