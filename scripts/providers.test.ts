import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv } from '@aula/llm';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** `npm run aula -- providers check` against the provider emulator, as a person would run it with real keys. */
const root = fileURLToPath(new URL('..', import.meta.url));
let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

/** The machine's environment without any LLM setting of its own, then the emulator's. */
function run(overrides: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/API_KEY|_BASE_URL|^AULA_|^GPT_OSS_/.test(k)),
  );
  const child = spawn(process.execPath, [join(root, 'scripts', 'cli.ts'), 'providers', 'check'], {
    cwd: root,
    env: { ...base, ...emulatorEnv(emu.url, overrides) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('aula providers check', () => {
  it('prints what works, the latency and the price of every configured provider and model', async () => {
    const { code, out } = await run({
      AULA_GENERATION_PROVIDER: 'gemini',
      AULA_GENERATION_FALLBACKS: 'openrouter',
      AULA_TUTOR_PROVIDER: 'groq',
      AULA_TUTOR_FALLBACKS: 'gpt-oss',
    });
    expect(out).toMatch(/^generation: gemini:gemini-2\.5-flash → openrouter:google\/gemini-2\.5-flash; tutor: /);
    expect(out).toMatch(/\ngemini +gemini-2\.5-flash +generation +ok \d+ ms +ok \d+ ms +0\.3 \/ 2\.5\n/);
    expect(out).toMatch(/\nopenrouter +google\/gemini-2\.5-flash +generation +ok \d+ ms +ok \d+ ms +0\.3 \/ 2\.5\n/);
    expect(out).toMatch(/\ngroq +llama-3\.1-8b-instant +tutor +ok \d+ ms +ok \d+ ms +0\.05 \/ 0\.08\n/);
    expect(out).toMatch(/\ngpt-oss +gpt-oss:20b +tutor +ok \d+ ms +ok \d+ ms +0 \/ 0/);
    expect(code).toBe(0);
    // Each provider was really called, twice (structured, then streamed).
    expect(emu.requests.filter((r) => r.route === 'gemini').map((r) => r.stream)).toEqual([false, true]);
  });

  it('names the provider, the model and the provider’s own message when a call fails, and exits 1', async () => {
    emu.script(
      { model: 'gpt-4.1-mini' },
      {
        status: 401,
        message:
          'Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.',
      },
      { status: 401, message: 'Incorrect API key provided: sk-test.' },
    );
    const { code, out } = await run({
      AULA_GENERATION_PROVIDER: 'openai',
      AULA_GENERATION_FALLBACKS: '',
      AULA_TUTOR_PROVIDER: 'openai',
      AULA_TUTOR_FALLBACKS: '',
    });
    expect(out).toMatch(/\nopenai +gpt-4\.1-mini +generation, tutor +FAILED +FAILED +0\.4 \/ 1\.6\n/);
    expect(out).toContain(
      'openai gpt-4.1-mini (structured): openai:gpt-4.1-mini: 401 Incorrect API key provided: sk-test. You can find',
    );
    expect(out).toContain(
      'openai gpt-4.1-mini (stream): openai:gpt-4.1-mini: 401 Incorrect API key provided: sk-test.',
    );
    expect(code).toBe(1);
  });
});
