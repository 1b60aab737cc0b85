import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answers, freePort, spawnService, waitUntilReady } from '@aula/process';
import { redisOf } from './redis-of.ts';
import { runnableDir } from './workspace.ts';

export type RunningWeb = { url: string; stop: () => Promise<void> };

/** The web tests and benchmarks run against the production build, which turbo makes before `test`. */
export function assertWebBuilt(): void {
  if (!existsSync(join(runnableDir('@aula/web'), '.next', 'BUILD_ID'))) {
    throw new Error(
      '@aula/web: no production build in web/.next. Run `pnpm --filter @aula/web build` before the tests.',
    );
  }
}

/**
 * The site's server (`node web/server.ts`, as `npm start` runs it) on a free loopback port, talking to
 * the given Directus (and, when that is a test stack started in this process, to its Redis and key
 * prefix, as in production: the content version); resolves once it answers.
 */
export async function startWeb({
  directusUrl,
  env = {},
}: {
  directusUrl: string;
  /** More environment (the tutor's providers and service key). */
  env?: Record<string, string | undefined>;
}): Promise<RunningWeb> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const redis = redisOf(directusUrl);
  const web = spawnService({
    name: 'the web server',
    command: process.execPath,
    args: ['server.ts', '-H', '127.0.0.1', '-p', String(port)],
    cwd: runnableDir('@aula/web'),
    env: {
      ...process.env,
      // Another Directus's Redis would never see its writes: no Redis then (the site asks Directus every time).
      ...(redis ? { REDIS_URL: redis.redisUrl, AULA_REDIS_PREFIX: redis.redisPrefix } : { REDIS_URL: '' }),
      ...env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DIRECTUS_URL: directusUrl,
    },
    keep: 8_000,
    // AULA_WEB_LOG=<file> keeps the server's whole output, for when a browser test fails for a reason it does not show.
    logFile: process.env.AULA_WEB_LOG,
    graceMs: 5_000,
  });
  // A path that touches no data: any answer means the server is up.
  await waitUntilReady(web, { name: 'the web server', ready: () => answers(`${url}/__ready`), timeoutMs: 60_000 });
  return { url, stop: web.stop };
}
