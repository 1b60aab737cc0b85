import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorEnv, readLlmSettings } from '@aula/llm';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpsEngine } from '../src/engine.ts';
import { hostAgentPlatform } from '../src/platform.ts';
import type { IncidentStore } from '../src/store.ts';
import { childServices, freshStore, hostAgent } from './helpers.ts';

/**
 * Disk nearly full: the host's data lives on a small file system of its own (a tmpfs, so the test
 * needs root) whose scratch folder is filled; the agent's disk runbook empties it through the host
 * agent and verifies the disk is back under its limit.
 */
const home = mkdtempSync(join(tmpdir(), 'ops-agent-disk-'));
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', home], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let emu: Emulator;
let store: IncidentStore;
let drop: () => Promise<void>;
let host: Awaited<ReturnType<typeof hostAgent>> | undefined;

beforeAll(async () => {
  emu = await startProviderEmulator();
  ({ store, drop } = await freshStore());
});
afterAll(async () => {
  await host?.agent.stop();
  await drop?.();
  await emu?.stop();
  if (canMount) execFileSync('umount', [home]);
  rmSync(home, { recursive: true, force: true });
});

describe('disk nearly full', () => {
  it.skipIf(!canMount)(
    'the scratch folder is emptied by the runbook, alone (safe and sure), and verified',
    async () => {
      const scratch = join(home, 'data', 'tmp');
      mkdirSync(scratch, { recursive: true });
      writeFileSync(join(scratch, 'upload-1.part'), Buffer.alloc(4 * 1024 * 1024, 1));
      mkdirSync(join(scratch, 'export'));
      writeFileSync(join(scratch, 'export', 'big.csv'), Buffer.alloc(3 * 1024 * 1024, 2));
      host = await hostAgent('main', childServices([]), { home, scratchDirs: { scratch } });
      const hosts = [{ name: 'main', role: 'main' as const, agent: host.agent.url, token: host.token }];
      emu.script(
        { model: 'gpt-oss:20b' },
        {
          json: {
            diagnosis: 'The data disk is 90 % used, mostly by scratch files.',
            runbookId: 'disk-nearly-full',
            action: 'cleanup',
            confidence: 0.95,
            reasoning: 'disk figure above the limit',
          },
        },
      );
      const engine = new OpsEngine({
        hosts,
        probes: [],
        graphs: {},
        store,
        confirmations: 1,
        platforms: [hostAgentPlatform(hosts)],
        llm: readLlmSettings(emulatorEnv(emu.url, { AULA_GENERATION_PROVIDER: 'gpt-oss' })),
        thresholds: { diskRatio: 0.8, backupMaxAgeHours: Number.POSITIVE_INFINITY, memoryRatio: 1 },
      });
      await engine.tick();
      const [incident] = await store.list(1);
      expect(incident).toMatchObject({ kind: 'disk', host: 'main', runbookId: 'disk-nearly-full' });
      // The severity chose the reasoning effort: a disk nearly full is major → medium.
      expect((emu.requests.at(-1)?.body as { reasoning_effort?: string } | undefined)?.reasoning_effort).toBe('medium');
      await engine.settled(incident!.id);
      expect((await store.get(incident!.id))?.state).toBe('resolved');
      expect(readdirSync(scratch)).toEqual([]);
      const events = await store.events(incident!.id);
      expect(events.find((e) => e.type === 'action-done')?.text).toMatch(
        /empty the scratch folder on main: .*7340032 bytes freed/,
      );
      expect((await host.agent.audit.read(10)).map((a) => `${a.action} ${a.outcome}`)).toContain('cleanup done');
    },
  );
  it('empties only the named folder: a symbolic link in its place is refused, and inside it links are removed, not followed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ops-agent-cleanup-'));
    const keep = join(root, 'keep');
    mkdirSync(keep);
    writeFileSync(join(keep, 'precious.db'), 'data');
    const scratch = join(root, 'tmp');
    symlinkSync(keep, scratch);
    const own = await hostAgent('main', childServices([]), { home: root, scratchDirs: { scratch } });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${own.agent.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${own.token}`,
          'content-type': 'application/json',
          'x-aula-actor': 'ops@example.org',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as { id: string; state: string };
    };
    const finished = async (id: string) => {
      for (;;) {
        const op = await call('GET', `/operations/${id}`);
        if (op.state !== 'running') return op;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      expect((await call('POST', '/cleanup', { dir: '../keep' })) as unknown).toMatchObject({
        error: expect.any(String),
      });
      expect((await finished((await call('POST', '/cleanup', { dir: 'scratch' })).id)).state).toBe('failed');
      expect(existsSync(join(keep, 'precious.db'))).toBe(true);
      // A real folder with a link inside: the link goes, what it points to stays.
      rmSync(scratch);
      mkdirSync(scratch);
      symlinkSync(keep, join(scratch, 'link'));
      expect((await finished((await call('POST', '/cleanup', { dir: 'scratch' })).id)).state).toBe('done');
      expect(readdirSync(scratch)).toEqual([]);
      expect(existsSync(join(keep, 'precious.db'))).toBe(true);
    } finally {
      await own.agent.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
