import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from './emulator-env.ts';
import { findReferences } from './find-references.ts';
import { readLlmSettings } from './settings.ts';
import type { FindReferencesInput, LlmConfig } from './types.ts';

let emu: Emulator;
let config: LlmConfig;
beforeAll(async () => {
  emu = await startProviderEmulator();
  const base = readLlmSettings(emulatorEnv(emu.url));
  config = { ...base, browserUse: { ...base.browserUse, pollIntervalMs: 5, timeoutMs: 2000 } };
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const input: FindReferencesInput = {
  topic: 'Fotosíntesis',
  lessonTitle: 'La clorofila',
  objectives: ['Explicar qué absorbe la clorofila'],
  language: 'es',
  max: 3,
};

describe('findReferences (Browser Use v2 tasks)', () => {
  it('creates a task with a structured output schema, polls it and cleans the untrusted output', async () => {
    emu.script('browser-use', {
      polls: 2,
      json: {
        references: [
          {
            url: 'https://es.wikipedia.org/wiki/Clorofila',
            title: '<b>Clorofila</b> &amp; luz &oacute;ptica\u0007',
            why: 'Explica\u202e la absorción.',
          },
          { url: 'javascript:alert(1)', title: 'x', why: 'x' },
          { url: 'https://es.wikipedia.org/wiki/Clorofila', title: 'dup', why: 'dup' },
          { url: 'https://example.org/a', title: '', why: 'y'.repeat(900) },
          { url: 'https://example.org/b', title: 'B', why: 'b' },
          { url: 'https://example.org/c', title: 'C', why: 'c' },
        ],
      },
    });
    const refs = await findReferences(config, input);
    expect(refs).toHaveLength(3);
    expect(refs[0]).toEqual({
      url: 'https://es.wikipedia.org/wiki/Clorofila',
      title: 'Clorofila & luz óptica',
      why: 'Explica la absorción.',
    });
    expect(refs[1]).toMatchObject({ url: 'https://example.org/a', title: 'example.org' });
    expect(refs[1]!.why.length).toBeLessThanOrEqual(500);
    const created = emu.requests[0]!;
    expect(created).toMatchObject({ method: 'POST', path: '/api/v2/tasks' });
    expect(created.headers['x-browser-use-api-key']).toBe('bu_test');
    const body = created.body as { task: string; structuredOutput: string };
    expect(body.task).toContain('La clorofila');
    expect(JSON.parse(body.structuredOutput)).toMatchObject({ required: ['references'], additionalProperties: false });
  });

  it('works end to end with the default responder and a worker-supplied task', async () => {
    const refs = await findReferences(config, { ...input, task: 'Busca tres enlaces.' });
    expect(refs).toEqual([{ url: 'https://example.org/url', title: 'Sample title', why: 'Sample why' }]);
    expect((emu.requests[0]!.body as { task: string }).task).toBe('Busca tres enlaces.');
  });

  it('is not_configured without BROWSER_USE_API_KEY', async () => {
    const bare = readLlmSettings(emulatorEnv(emu.url, { BROWSER_USE_API_KEY: undefined }));
    await expect(findReferences(bare, input)).rejects.toMatchObject({
      code: 'not_configured',
      message: /BROWSER_USE_API_KEY/,
    });
    expect(emu.requests).toHaveLength(0);
  });

  it.each([
    ['a failed task', { failed: true }, 'unavailable'],
    ['output that is not a reference list', { malformed: true }, 'invalid_output'],
    ['a bad key', { status: 401 }, 'unauthorized'],
  ])('%s → %s', async (_name, step, code) => {
    emu.script('browser-use', step);
    await expect(findReferences(config, input)).rejects.toMatchObject({ code });
  });

  it('gives up at the deadline and stops the task', async () => {
    emu.script('browser-use', { polls: 10_000 });
    const short = { ...config, browserUse: { ...config.browserUse, timeoutMs: 60 } };
    await expect(findReferences(short, input)).rejects.toMatchObject({
      code: 'unavailable',
      message: /did not finish/,
    });
    expect(emu.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { action: 'stop' } });
  });
});
