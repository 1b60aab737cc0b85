import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, spawnService, waitUntilReady } from './index.ts';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], env: { PATH: process.env.PATH } });

describe('freePort', () => {
  it('gives a loopback port nothing listens on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('spawnService', () => {
  it('is ready once its predicate says so, keeps the end of its output, and stops on SIGTERM', async () => {
    const service = spawnService({
      name: 'a printer',
      ...node(`console.log('x'.repeat(50)); console.log('ready'); setInterval(() => {}, 1000)`),
      keep: 20,
    });
    await waitUntilReady(service, {
      name: 'a printer',
      ready: () => service.output().includes('ready'),
      timeoutMs: 10_000,
    });
    expect(service.output().length).toBeLessThanOrEqual(20);
    await service.stop();
    expect(service.running()).toBe(false);
  });

  it('kills one that ignores SIGTERM once the grace is over', async () => {
    const service = spawnService({
      name: 'a stubborn one',
      ...node(`process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)`),
      graceMs: 300,
    });
    await waitUntilReady(service, {
      name: 'a stubborn one',
      ready: () => service.output().includes('up'),
      timeoutMs: 10_000,
    });
    await service.stop();
    expect(await service.exited).toBeNull();
  });

  it('kill ends it at once, as a crash would', async () => {
    const service = spawnService({ name: 'a sleeper', ...node(`setInterval(() => {}, 1000)`) });
    await service.kill();
    expect(service.running()).toBe(false);
  });

  it('says so, with its output, when it exits before it is ready', async () => {
    const service = spawnService({ name: 'a quitter', ...node(`console.error('no database'); process.exit(3)`) });
    await expect(waitUntilReady(service, { name: 'a quitter', ready: () => false, timeoutMs: 10_000 })).rejects.toThrow(
      /a quitter exited early \(code 3\):\nno database/,
    );
  });

  it('stops it and says so when it is not ready in time', async () => {
    const service = spawnService({ name: 'a slow one', ...node(`setInterval(() => {}, 1000)`) });
    await expect(waitUntilReady(service, { name: 'a slow one', ready: () => false, timeoutMs: 300 })).rejects.toThrow(
      /a slow one was not ready within 0.3 s/,
    );
    expect(service.running()).toBe(false);
  });

  it('does not outlive the process that started it', async () => {
    const parent = spawnService({
      name: 'a parent',
      command: process.execPath,
      args: [
        '--input-type=module',
        '-e',
        `import { spawnService } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
         const child = spawnService({ name: 'a child', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], env: {} });
         console.log(child.pid);
         setTimeout(() => process.exit(0), 200);`,
      ],
      env: { PATH: process.env.PATH },
    });
    expect(await parent.exited).toBe(0);
    const childPid = Number(parent.output().trim());
    expect(childPid).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // Gone, or dead and not yet reaped by its new parent (a zombie: state Z).
    const state = await readFile(`/proc/${childPid}/stat`, 'utf8').then(
      (stat) => stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3),
      () => 'gone',
    );
    expect(['gone', 'Z']).toContain(state);
  });
});
