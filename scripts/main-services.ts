import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  bootstrapDirectus,
  createUser,
  type DirectusConfig,
  type RunningDirectus,
  setUserPassword,
  startDirectus,
} from '@aula/directus-server';
import pg from 'pg';
import type { StartEnv } from './env.ts';
import { provision } from './provision.ts';
import { buildWeb, type RunningWeb, startWeb, webNeedsBuild } from './web.ts';
import { type RunningWorkers, startWorkers } from './workers.ts';

/**
 * The Main server's three runnables (Directus with the set-up, the workers, the web site), as both
 * `npm start` and `aula serve` start them: one place decides what each is given.
 */
type Log = (line: string) => void;

/** An address to reach a server that listens on `host` from the same machine (0.0.0.0 is everywhere). */
export function localHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '[::]' ? '127.0.0.1' : host;
}

export function directusConfig(env: StartEnv, databaseUrl: string, redisUrl: string): DirectusConfig {
  mkdirSync(join(env.home, 'data', 'uploads'), { recursive: true });
  return {
    host: env.host,
    port: env.directusPort,
    publicUrl: env.directusPublicUrl || `http://${env.host}:${env.directusPort}`,
    databaseUrl,
    redisUrl,
    redisPrefix: env.redisPrefix,
    key: env.key,
    secret: env.secret,
    adminEmail: env.adminEmail,
    adminPassword: env.adminPassword,
    logLevel: env.logLevel,
    compileCacheDir: join(env.home, 'cache', 'node-compile'),
    uploadsDir: join(env.home, 'data', 'uploads'),
    tutorServiceKey: env.tutorServiceKey,
    ...(env.metricsToken ? { metricsToken: env.metricsToken } : {}),
    extraEnv: { ...env.tutorLimits, ...env.llmEnv, ...env.accountEnv, ...env.channelsEnv },
    // The web server (on this machine) passes on each person's address; the proxies in front, theirs.
    trustedProxies: ['loopback', ...env.trustedProxies],
  };
}

/** Directus on an existing database: migrations, the server, then schema, permissions, accounts and content. */
export async function startDirectusWithSetup(
  env: StartEnv,
  config: DirectusConfig,
  log: Log,
  onStarted: (directus: RunningDirectus) => void,
  options: { pipe?: boolean } = {},
): Promise<RunningDirectus> {
  await bootstrapDirectus(config);
  log('Directus database ready');
  const directus = await startDirectus(config, { stdio: options.pipe ? 'pipe' : 'inherit' });
  onStarted(directus);
  log('Directus answering');
  const url = `http://${localHost(env.host)}:${env.directusPort}`;
  const changes = await provision({ env, directus: config, url, databaseUrl: config.databaseUrl, log });
  log(
    changes.length === 0
      ? 'schema, permissions and demo content up to date'
      : `set-up applied ${changes.length} changes`,
  );
  return directus;
}

export function startMainWorkers(
  root: string,
  env: StartEnv,
  directusUrl: string,
  redisUrl: string,
  options: { pipe?: boolean } = {},
): RunningWorkers {
  return startWorkers(
    root,
    {
      DIRECTUS_URL: directusUrl,
      AULA_GENERATOR_TOKEN: env.generatorToken,
      REDIS_URL: redisUrl,
      AULA_REDIS_PREFIX: env.redisPrefix,
      AULA_ENV: env.production ? 'production' : 'local',
      ...env.browserUse,
      ...env.observability,
      ...(env.workersMetricsPort ? { AULA_WORKERS_METRICS_PORT: env.workersMetricsPort } : {}),
      // A local Redis may not be configured for noeviction; production keeps the check.
      ...(env.production ? {} : { AULA_ALLOW_REDIS_EVICTION: 'true' }),
    },
    options,
  );
}

/** The web site, built first when `build` allows it and the build is missing or stale. */
export async function startMainWeb(
  root: string,
  env: StartEnv,
  directusUrl: string,
  options: { build: boolean; log: Log; pipe?: boolean; env?: Record<string, string> },
): Promise<RunningWeb | undefined> {
  if (!existsSync(join(root, 'web', 'package.json'))) return undefined;
  const webEnv = {
    DIRECTUS_URL: directusUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    AULA_TUTOR_SERVICE_KEY: env.tutorServiceKey,
    AULA_ENV: env.production ? 'production' : 'local',
    AULA_SIGNUP_VERIFY_EMAIL: String(env.signupVerifyEmail),
    AULA_TRUSTED_PROXIES: env.trustedProxies.join(','),
    AULA_PUBLIC_URL: env.publicUrl,
    // With REDIS_URL (options.env), the site reads the content version under Directus's prefix (decision 016).
    AULA_REDIS_PREFIX: env.redisPrefix,
    ...env.observability,
    ...options.env,
  };
  if (webNeedsBuild(root)) {
    if (!options.build)
      throw new Error('the web site is not built (or older than its sources): run `pnpm --filter @aula/web build`');
    options.log('building the web site (first start or sources changed)…');
    await buildWeb(root, webEnv);
  }
  return startWeb(root, env.host, env.webPort, webEnv, { pipe: options.pipe ?? false });
}

/**
 * A database restored from another server (the Mirror after a clone) holds that server's accounts:
 * this server's administrator (AULA_ADMIN_EMAIL) is made to sign in with this server's
 * AULA_ADMIN_PASSWORD again, created with the administrators' role when Main has no such account.
 * Runs while Directus is stopped, as the restore's last step (an action someone authorised).
 */
export async function adoptRestoredDatabase(env: StartEnv, config: DirectusConfig): Promise<void> {
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  let exists: boolean;
  let role: string | undefined;
  try {
    exists =
      (await client.query('SELECT 1 FROM directus_users WHERE lower(email) = lower($1)', [env.adminEmail])).rowCount !==
      0;
    role = (
      await client.query<{ id: string }>(
        `SELECT r.id FROM directus_roles r
           JOIN directus_access a ON a.role = r.id
           JOIN directus_policies p ON p.id = a.policy
          WHERE p.admin_access ORDER BY r.name LIMIT 1`,
      )
    ).rows[0]?.id;
  } finally {
    await client.end();
  }
  await bootstrapDirectus(config);
  if (exists) await setUserPassword(config, env.adminEmail, env.adminPassword);
  else {
    if (!role) throw new Error('the restored database has no administrators’ role');
    await createUser(config, env.adminEmail, env.adminPassword, role);
  }
}
