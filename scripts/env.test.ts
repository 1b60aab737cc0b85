import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAgentEnv, readEnv } from './env.ts';

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

describe('the host agent’s environment', () => {
  const defaults = { home: '/srv/aula', role: 'main' as const, production: true };
  it('is off without a token, and wants 32 characters in production', () => {
    expect(readAgentEnv({}, defaults)).toBeUndefined();
    expect(() => readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(31) }, defaults)).toThrow(
      'AULA_AGENT_TOKEN: must be at least 32 characters',
    );
    expect(readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(16) }, { ...defaults, production: false })?.token).toHaveLength(
      16,
    );
  });

  it('listens on loopback at 8070 unless told, keeps 14 backups, and names the Mirror’s agent with its token', () => {
    const env = readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(32) }, defaults)!;
    expect(env).toMatchObject({
      role: 'main',
      listen: { host: '127.0.0.1', port: 8070 },
      backupsDir: '/srv/aula/backups',
      backupKeep: 14,
      sampleIntervalMs: 15_000,
    });
    expect(() =>
      readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(32), AULA_MIRROR_AGENT_URL: 'http://10.0.0.4:8070' }, defaults),
    ).toThrow('AULA_MIRROR_AGENT_TOKEN');
    expect(() => readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(32), AULA_BACKUP_KEEP: '0' }, defaults)).toThrow(
      'AULA_BACKUP_KEEP',
    );
    expect(() =>
      readAgentEnv({ AULA_AGENT_TOKEN: 'x'.repeat(32), AULA_AGENT_ROLE: 'mirror' }, { ...defaults, role: 'support' }),
    ).toThrow('the Mirror runs `aula serve main`');
  });
});
