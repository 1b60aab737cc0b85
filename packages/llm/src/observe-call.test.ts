import { metricsText } from '@aula/telemetry/metrics';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlm } from './create-llm.ts';
import { emulatorEnv } from './emulator-env.ts';
import { readLlmSettings } from './settings.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());

/** The value of one series (0 when it is not there yet). */
async function series(line: string): Promise<number> {
  const { body } = await metricsText();
  const found = body.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

const llm = () =>
  createLlm(
    readLlmSettings(
      emulatorEnv(emu.url, {
        AULA_LLM_MAX_RETRIES: '0',
        AULA_GENERATION_PROVIDER: 'openai',
        AULA_GENERATION_MODEL: 'gpt-4o-mini',
        AULA_GENERATION_FALLBACKS: 'groq:llama-3.1-8b-instant',
        AULA_TUTOR_PROVIDER: 'groq',
        AULA_TUTOR_FALLBACKS: '',
      }),
    ),
  );

describe('every provider call is counted in the metrics', () => {
  it('generateObject: a call that fails over to the next provider counts one error and one answer', async () => {
    const openai = 'provider="openai",model="gpt-4o-mini",task="generation"';
    const groq = 'provider="groq",model="llama-3.1-8b-instant",task="generation"';
    const before = {
      errors: await series(`aula_llm_errors_total{${openai},code="unavailable"}`),
      ok: await series(`aula_llm_calls_total{${groq},outcome="ok"}`),
      tokensIn: await series(`aula_llm_tokens_total{${groq},direction="in"}`),
      count: await series(`aula_llm_call_duration_seconds_count{${groq}}`),
    };
    emu.script('openai', { status: 503, message: 'overloaded' });
    emu.script('groq', { json: { title: 'Álgebra' } });
    const result = await llm().generateObject({
      task: 'generation',
      schema: z.object({ title: z.string() }),
      schemaName: 'course_title',
      messages: [{ role: 'user', content: 'Un título' }],
    });
    expect(result.provider).toBe('groq');
    expect(await series(`aula_llm_errors_total{${openai},code="unavailable"}`)).toBe(before.errors + 1);
    expect(await series(`aula_llm_calls_total{${groq},outcome="ok"}`)).toBe(before.ok + 1);
    expect(await series(`aula_llm_tokens_total{${groq},direction="in"}`)).toBe(
      before.tokensIn + result.usage.inputTokens,
    );
    expect(await series(`aula_llm_call_duration_seconds_count{${groq}}`)).toBe(before.count + 1);
  });

  it('streamText: the answer, its tokens and its cost', async () => {
    const groq = 'provider="groq",model="llama-3.1-8b-instant",task="tutor"';
    const chain = llm().chain('tutor');
    expect(chain[0]).toEqual({ provider: 'groq', model: 'llama-3.1-8b-instant' });
    const before = {
      ok: await series(`aula_llm_calls_total{${groq},outcome="ok"}`),
      out: await series(`aula_llm_tokens_total{${groq},direction="out"}`),
      cost: await series(`aula_llm_cost_usd_total{${groq}}`),
    };
    emu.script('groq', { chunks: ['La ', 'clorofila.'] });
    const stream = llm().streamText({ task: 'tutor', messages: [{ role: 'user', content: '¿Clorofila?' }] });
    for await (const _ of stream);
    const result = await stream.result;
    expect(await series(`aula_llm_calls_total{${groq},outcome="ok"}`)).toBe(before.ok + 1);
    expect(await series(`aula_llm_tokens_total{${groq},direction="out"}`)).toBe(before.out + result.usage.outputTokens);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(await series(`aula_llm_cost_usd_total{${groq}}`)).toBeCloseTo(before.cost + result.costUsd, 9);
  });
});
