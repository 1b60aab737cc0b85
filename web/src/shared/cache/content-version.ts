import 'server-only';
import { readContentVersion } from '@aula/data/content-version';
import { Redis } from 'ioredis';
import { env } from '../../env.ts';
import { log } from '../log.ts';

/** How long a page waits for Redis before it asks Directus itself, as it would without Redis. */
const REDIS_WAIT_MS = 250;

// One connection per process (the middleware and every route share it, see read-cache.ts).
const KEY = Symbol.for('aula.web.content-version');
const global = globalThis as typeof globalThis & { [KEY]?: Redis | null };

function connection(): Redis | null {
  if (global[KEY] !== undefined) return global[KEY];
  if (!env.REDIS_URL) {
    global[KEY] = null;
    return null;
  }
  let warned = false;
  global[KEY] = new Redis(env.REDIS_URL, {
    maxRetriesPerRequest: 1,
    // Not connected: fail at once (and ask Directus), rather than queue behind a reconnection.
    enableOfflineQueue: false,
    connectTimeout: REDIS_WAIT_MS * 4,
    commandTimeout: REDIS_WAIT_MS,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  }).on('error', (error) => {
    if (!warned) log.warn({ err: error }, 'content version: Redis unreachable; asking Directus on every page');
    warned = true;
  });
  global[KEY].on('ready', () => {
    warned = false;
  });
  return global[KEY];
}

/**
 * The content version (`@aula/data/content-version`, moved on by Directus after every write to course
 * content), or `null` when there is no Redis or it does not answer: then nothing kept may be trusted
 * and callers read Directus afresh.
 */
export async function contentVersion(): Promise<string | null> {
  const redis = connection();
  if (!redis) return null;
  try {
    return await readContentVersion(redis, env.AULA_REDIS_PREFIX);
  } catch {
    return null;
  }
}
