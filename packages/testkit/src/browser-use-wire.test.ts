import { BrowserUse, BrowserUseError } from 'browser-use-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startProviderEmulator } from './provider-emulator.ts';
import type { Emulator } from './types.ts';

let emu: Emulator;
let client: BrowserUse;
beforeAll(async () => {
  emu = await startProviderEmulator();
  client = new BrowserUse({ apiKey: 'bu_test', baseUrl: `${emu.url}/api/v2`, maxRetries: 0 });
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

// browser-use-sdk types its own zod (4.4.x) and the workspace pins another 4.x: same runtime, distinct types.
const Links: any = z.object({ links: z.array(z.object({ url: z.string(), title: z.string() })).min(1) });

describe('Browser Use v2 tasks', () => {
  it('runs a task to completion with scripted structured output', async () => {
    emu.script('browser-use', { json: { links: [{ url: 'https://a.example', title: 'A' }] }, polls: 2 });
    const result = await client.run('find links', { schema: Links, interval: 5 });
    expect(result.output).toEqual({ links: [{ url: 'https://a.example', title: 'A' }] });
    const created = emu.requests[0];
    expect(created).toMatchObject({ method: 'POST', path: '/api/v2/tasks', route: 'browser-use' });
    expect(created?.headers['x-browser-use-api-key']).toBe('bu_test');
    expect(typeof (created!.body as { structuredOutput: unknown }).structuredOutput).toBe('string');
    expect(emu.requests.filter((r) => r.path.endsWith('/status'))).toHaveLength(3);
  });

  it('fills structured output from the schema by default', async () => {
    const result = await client.run('find links', { schema: Links, interval: 5 });
    expect(result.output.links[0]?.title).toBe('Sample title');
  });

  it('reports failed tasks and errors', async () => {
    emu.script('browser-use', { failed: true }, { status: 401, message: 'Invalid API key' });
    const { id } = await client.tasks.create({ task: 'x' });
    await client.tasks.status(id);
    expect((await client.tasks.status(id)).status).toBe('failed');
    const error = await client.tasks.create({ task: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserUseError);
    expect((error as BrowserUseError).statusCode).toBe(401);
  });

  it('stops a running task', async () => {
    emu.script('browser-use', { polls: 100 });
    const { id } = await client.tasks.create({ task: 'x' });
    expect((await client.tasks.stop(id)).status).toBe('stopped');
  });
});
