import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { StartEnv } from './env.ts';

export type Redis = { url: string; owned: boolean; stop: () => Promise<void> };

/** Sends PING and resolves true when a Redis answers +PONG. */
export function pingRedis(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** Redis for `npm start`: REDIS_URL; else the one on 127.0.0.1:6379; else a `redis-server` from the PATH. */
export async function provideRedis(env: StartEnv, log: (line: string) => void): Promise<Redis> {
  const none = async () => {};
  if (env.redisUrl) return { url: env.redisUrl, owned: false, stop: none };
  if (await pingRedis('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379', owned: false, stop: none };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'Aula needs Redis and none was found: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server (Debian: apt-get install redis-server).',
    );
  }
  const dir = join(env.home, 'data', 'redis');
  mkdirSync(dir, { recursive: true });
  log(`starting redis-server on 127.0.0.1:${env.redisPort} (data in ${dir})`);
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(env.redisPort), '--dir', dir, '--save', '60 1'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50 && !(await pingRedis('127.0.0.1', env.redisPort)); i++)
    await new Promise((r) => setTimeout(r, 100));
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url: `redis://127.0.0.1:${env.redisPort}`,
    owned: true,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
