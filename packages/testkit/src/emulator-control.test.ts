import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEmulator } from './emulator-control.ts';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());

describe('connectEmulator', () => {
  it('scripts, reads requests and resets an emulator over HTTP, with patterns', async () => {
    const remote = connectEmulator(emu.url);
    await remote.script({ model: /^llama/, body: /secreto/ }, { text: 'remoto' });
    const client = new OpenAI({ baseURL: `${emu.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    const ask = async (model: string, content: string) =>
      (await client.chat.completions.create({ model, messages: [{ role: 'user', content }] })).choices[0]?.message
        .content;
    expect(await ask('llama-3.1-8b-instant', 'hola')).toBe('Echo: hola');
    expect(await ask('llama-3.1-8b-instant', 'un secreto')).toBe('remoto');
    const requests = await remote.requests();
    expect(requests.map((r) => r.model)).toEqual(['llama-3.1-8b-instant', 'llama-3.1-8b-instant']);
    await remote.reset();
    expect(await remote.requests()).toEqual([]);
  });
});
