import { describe, expect, it } from 'vitest';
import { describeLlmConfig, readLlmConfig } from './config.ts';

const chains = (env: Record<string, string>) => {
  const config = readLlmConfig(env);
  const fmt = (task: 'generation' | 'tutor') => config.chains[task].map((c) => `${c.provider}:${c.model}`);
  return { generation: fmt('generation'), tutor: fmt('tutor') };
};

describe('readLlmConfig', () => {
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
    const config = readLlmConfig({
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
    expect(readLlmConfig({}).unconfigured).toBe(true);
    expect(readLlmConfig({ OPENAI_API_KEY: '  ' }).unconfigured).toBe(true);
  });

  it.each([
    [{ AULA_TUTOR_PROVIDER: 'anthropic' }, /AULA_TUTOR_PROVIDER must be one of gemini, groq/],
    [{ AULA_GENERATION_FALLBACKS: 'groq:x,mistral:y' }, /AULA_GENERATION_FALLBACKS/],
    [{ GPT_OSS_REASONING_EFFORT: 'max' }, /GPT_OSS_REASONING_EFFORT must be one of low, medium, high/],
    [{ GROQ_BASE_URL: 'api.groq.com' }, /GROQ_BASE_URL must be an http\(s\) URL/],
    [{ AULA_LLM_MAX_RETRIES: '-1' }, /AULA_LLM_MAX_RETRIES/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => readLlmConfig(env)).toThrow(message);
  });

  it('describes itself without keys', () => {
    const text = describeLlmConfig(readLlmConfig({ GROQ_API_KEY: 'gsk_secret', BROWSER_USE_API_KEY: 'bu_secret' }));
    expect(text).toContain('tutor: groq:llama-3.1-8b-instant');
    expect(text).not.toMatch(/secret/);
  });
});
