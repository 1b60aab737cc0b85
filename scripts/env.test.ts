import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

const home = mkdtempSync(join(tmpdir(), 'aula-env-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('what npm start passes to Directus', () => {
  it('passes the LLM settings @aula/llm reads (keys, chains, prices, caps), not Browser Use’s or anything else', () => {
    const env = readEnv(home, {
      AULA_HOME: home,
      GROQ_API_KEY: 'gsk_x',
      AULA_GENERATION_PROVIDER: 'groq',
      AULA_GENERATION_FALLBACKS: '',
      AULA_TUTOR_MODEL: 'llama-3.1-8b-instant',
      AULA_LLM_FALLBACK_PRICE: '3/15',
      AULA_GENERATION_DAILY_USD_CAP: 'none',
      AULA_TUTOR_DAILY_USD_CAP: '5',
      AULA_REGENERATION_COST_CAP_USD: '2',
      AULA_TUTOR_MESSAGES_PER_MINUTE: '6',
      BROWSER_USE_API_KEY: 'bu_x',
      DIRECTUS_URL: 'http://elsewhere',
      SOME_SECRET: 's',
    });
    expect(env.llmEnv).toEqual({
      GROQ_API_KEY: 'gsk_x',
      AULA_GENERATION_PROVIDER: 'groq',
      AULA_GENERATION_FALLBACKS: '',
      AULA_TUTOR_MODEL: 'llama-3.1-8b-instant',
      AULA_LLM_FALLBACK_PRICE: '3/15',
      AULA_GENERATION_DAILY_USD_CAP: 'none',
      AULA_TUTOR_DAILY_USD_CAP: '5',
      AULA_REGENERATION_COST_CAP_USD: '2',
    });
    expect(env.tutorLimits).toEqual({ AULA_TUTOR_MESSAGES_PER_MINUTE: '6' });
  });
});
