import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostView } from '@aula/ops';
import { parseServers, type RunningAgent, startAgent } from '@aula/ops/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from './commands/connect.ts';
import { supervise } from './supervise.ts';

/** `aula status` and `aula connect` against a servers file: a real agent, one server that does not answer. */
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../infra/servers.example.json', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'aula-ops-cli-'));
const token = randomBytes(24).toString('hex');
let agent: RunningAgent;
const supervisor = supervise(() => {}, { exit: () => {}, forward: false });

const aula = (env: Record<string, string>, ...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, AULA_HOME: home, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

beforeAll(async () => {
  agent = await startAgent({
    host: 'main',
    role: 'main',
    token,
    listen: { host: '127.0.0.1', port: 0 },
    home,
    services: supervisor.services,
    backupsDir: join(home, 'backups'),
    aulaVersion: '0.1.0',
  });
  writeFileSync(
    join(home, 'servers.json'),
    JSON.stringify([
      { name: 'main', role: 'main', agent: agent.url, ssh: { host: '10.0.0.3', user: 'aula', port: 2222 } },
      // A port nothing listens on: the host shows as not answering.
      { name: 'support', role: 'support', agent: 'http://127.0.0.1:9' },
    ]),
  );
});
afterAll(async () => {
  await agent?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('aula status, connect', () => {
  it('status: each server of the servers file, with its own token; one that does not answer says so', async () => {
    const run = await aula(
      { AULA_SERVERS: join(home, 'servers.json'), AULA_AGENT_TOKEN_MAIN: token, AULA_AGENT_TOKEN: 'not-support' },
      'status',
      '--json',
    );
    expect(run.code, run.stderr).toBe(1);
    const views = JSON.parse(run.stdout) as HostView[];
    expect(views[0]).toMatchObject({ name: 'main', reachable: true, status: { host: 'main', role: 'main' } });
    expect(views[1]).toMatchObject({
      name: 'support',
      reachable: false,
      error: expect.stringMatching(/fetch failed|ECONNREFUSED/),
    });
    const text = await aula({ AULA_SERVERS: join(home, 'servers.json'), AULA_AGENT_TOKEN_MAIN: token }, 'status');
    expect(text.stdout).toMatch(/^main \(main, Aula 0\.1\.0\) up/m);
    expect(text.stdout).toMatch(/memory \d+\.\d GiB of \d+\.\d GiB/);
    expect(text.stdout).toMatch(
      /support \(support\) does not answer: no agent token for support: set AULA_AGENT_TOKEN_SUPPORT/,
    );
  });

  it('status: a wrong token is refused in plain words', async () => {
    const run = await aula({ AULA_SERVERS: join(home, 'servers.json'), AULA_AGENT_TOKEN: 'x'.repeat(40) }, 'status');
    expect(run.stdout).toMatch(/main \(main\) does not answer: .*401 this agent needs its token/);
  });

  it('status without a servers file: the local stack, or why there is none', async () => {
    const run = await aula({}, 'status');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no local stack running/);
    writeFileSync(join(home, 'agent.json'), JSON.stringify({ url: agent.url, token }));
    const local = await aula({}, 'status');
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toMatch(/^local \(main, Aula 0\.1\.0\)/m);
    rmSync(join(home, 'agent.json'));
  });

  it('connect: the ssh command line from the servers file (a real sshd is not run here)', async () => {
    expect(connectCommand('main', join(home, 'servers.json'))).toEqual(['ssh', '-p', '2222', '--', 'aula@10.0.0.3']);
    expect(connectCommand('support', EXAMPLE)).toEqual([
      'ssh',
      '-p',
      '22',
      '-i',
      '~/.ssh/aula_ed25519',
      '-o',
      'IdentitiesOnly=yes',
      '--',
      'aula@support.aula.example.org',
    ]);
    expect(() => connectCommand('support', join(home, 'servers.json'))).toThrow(/no ssh entry/);
    expect(() => connectCommand('main', undefined)).toThrow(/AULA_SERVERS/);
    const printed = await aula({ AULA_SERVERS: join(home, 'servers.json') }, 'connect', 'main', '--print');
    expect(printed.stdout.trim()).toBe('ssh -p 2222 -- aula@10.0.0.3');
  });

  it('the servers file is checked: the example parses, mistakes are named', () => {
    expect(parseServers(JSON.stringify([{ name: 'main', role: 'main', agent: 'http://10.0.0.3:8070' }]))).toHaveLength(
      1,
    );
    expect(() => parseServers('[{"name":"Main!","role":"boss","agent":"ftp://x"}]')).toThrow(
      /0\.name.*0\.role.*0\.agent/,
    );
    expect(() =>
      parseServers(
        JSON.stringify([
          { name: 'a', role: 'main', agent: 'http://x:1' },
          { name: 'a', role: 'mirror', agent: 'http://y:1' },
        ]),
      ),
    ).toThrow(/used twice/);
  });
});
