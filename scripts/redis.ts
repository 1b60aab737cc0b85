import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { StartEnv } from './env.ts';

export type Redis = { url: string; owned: boolean; stop: () => Promise<void> };

/** Sends PING (after AUTH when a password is given) and resolves true when a Redis answers +PONG. */
export function pingRedis(host: string, port: number, timeoutMs = 1_000, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(password ? `AUTH ${JSON.stringify(password)}\r\nPING\r\n` : 'PING\r\n'));
    socket.on('data', (d) => {
      received += d.toString();
      if (received.includes('+PONG')) done(true);
      else if (received.includes('-')) done(false);
    });
  });
}

/** PING through a redis:// URL (its password, if any): the workers' health check. */
export function pingRedisUrl(url: string, timeoutMs = 2_000): Promise<boolean> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  return pingRedis(u.hostname, Number(u.port || 6379), timeoutMs, password || undefined);
}

export type RedisServer = { url: string; stop: () => Promise<void> };

/**
 * A `redis-server` from the PATH. With a password it is the Support server's Redis, as its compose file
 * runs it: append-only, a memory ceiling with noeviction (BullMQ must never lose a job). The
 * configuration goes through stdin, so the password is not in the process list.
 */
export async function startRedisServer(options: {
  bind: string;
  port: number;
  dir: string;
  password?: string;
}): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'Aula needs Redis and none was found: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server (Debian: apt-get install redis-server).',
    );
  }
  mkdirSync(options.dir, { recursive: true });
  const config = [
    `bind ${options.bind}`,
    `port ${options.port}`,
    `dir ${options.dir}`,
    ...(options.password
      ? [
          `requirepass ${JSON.stringify(options.password)}`,
          'appendonly yes',
          'maxmemory 256mb',
          'maxmemory-policy noeviction',
        ]
      : ['save 60 1']),
  ].join('\n');
  const child = spawn('redis-server', ['-'], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin?.end(`${config}\n`);
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 100; i++) {
    if (await pingRedis(options.bind, options.port, 1_000, options.password)) {
      const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
      return { url: `redis://${auth}${options.bind}:${options.port}`, stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`redis-server did not answer on ${options.bind}:${options.port}`);
}

/** Redis for `npm start`: REDIS_URL; else the one on 127.0.0.1:6379; else a `redis-server` from the PATH. */
export async function provideRedis(env: StartEnv, log: (line: string) => void): Promise<Redis> {
  const none = async () => {};
  if (env.redisUrl) return { url: env.redisUrl, owned: false, stop: none };
  if (await pingRedis('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379', owned: false, stop: none };
  const dir = join(env.home, 'data', 'redis');
  log(`starting redis-server on 127.0.0.1:${env.redisPort} (data in ${dir})`);
  const server = await startRedisServer({ bind: '127.0.0.1', port: env.redisPort, dir });
  return { url: server.url, owned: true, stop: server.stop };
}
