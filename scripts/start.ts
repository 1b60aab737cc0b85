/**
 * `npm start`: PostgreSQL (embedded unless configured), Redis, Directus with Aula's schema,
 * permissions and demo content, and the web site — on loopback, with Ctrl-C stopping all of it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapDirectus, type DirectusConfig, type RunningDirectus, startDirectus } from '@aula/directus-server';
import { readEnv } from './env.ts';
import { ensurePortFree } from './ports.ts';
import { providePostgres } from './postgres.ts';
import { provision } from './provision.ts';
import { provideRedis } from './redis.ts';
import { buildWeb, type RunningWeb, startWeb, webNeedsBuild } from './web.ts';
import { startWorkers } from './workers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const log = (line: string) => console.log(`aula: ${line}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping…');
    for (const stop of stops.reverse()) await stop().catch((e) => log(`while stopping: ${e.message}`));
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const env = readEnv(root);
  await ensurePortFree(env.host, env.directusPort, 'AULA_DIRECTUS_PORT');
  await ensurePortFree(env.host, env.webPort, 'AULA_WEB_PORT');

  mkdirSync(join(env.home, 'data', 'uploads'), { recursive: true });
  const db = await providePostgres(env, log);
  stops.push(db.stop);
  log(
    `PostgreSQL ready (${db.embedded ? `embedded, port ${env.embeddedPgPort}` : 'from DATABASE_URL'}) at ${elapsed()}`,
  );
  const redis = await provideRedis(env, log);
  stops.push(redis.stop);

  const config: DirectusConfig = {
    host: env.host,
    port: env.directusPort,
    publicUrl: `http://${env.host}:${env.directusPort}`,
    databaseUrl: db.url,
    redisUrl: redis.url,
    redisPrefix: env.redisPrefix,
    key: env.key,
    secret: env.secret,
    adminEmail: env.adminEmail,
    adminPassword: env.adminPassword,
    logLevel: env.logLevel,
    compileCacheDir: join(env.home, 'cache', 'node-compile'),
    uploadsDir: join(env.home, 'data', 'uploads'),
    tutorServiceKey: env.tutorServiceKey,
    extraEnv: { ...env.tutorLimits, ...env.llmEnv, ...env.accountEnv },
    // The web server (on this machine) passes on each person's address; the proxies in front, theirs.
    trustedProxies: ['loopback', ...env.trustedProxies],
  };
  await bootstrapDirectus(config);
  log(`Directus database ready at ${elapsed()}`);
  const directus: RunningDirectus = await startDirectus(config, { stdio: 'inherit' });
  stops.push(() => directus.stop());
  log(`Directus answering at ${elapsed()}`);

  const changes = await provision({ env, directus: config, url: directus.url, databaseUrl: db.url, log });
  log(
    changes.length === 0
      ? 'schema, permissions and demo content up to date'
      : `set-up applied ${changes.length} changes`,
  );

  const workers = startWorkers(root, {
    DIRECTUS_URL: directus.url,
    AULA_GENERATOR_TOKEN: env.generatorToken,
    REDIS_URL: redis.url,
    AULA_REDIS_PREFIX: env.redisPrefix,
    AULA_ENV: env.production ? 'production' : 'local',
    // A local Redis may not be configured for noeviction; production keeps the check.
    ...(env.production ? {} : { AULA_ALLOW_REDIS_EVICTION: 'true' }),
  });
  stops.push(workers.stop);

  let web: RunningWeb | undefined;
  if (existsSync(join(root, 'web', 'package.json'))) {
    const webEnv = {
      DIRECTUS_URL: directus.url,
      NEXT_TELEMETRY_DISABLED: '1',
      AULA_TUTOR_SERVICE_KEY: env.tutorServiceKey,
      AULA_ENV: env.production ? 'production' : 'local',
      AULA_SIGNUP_VERIFY_EMAIL: String(env.signupVerifyEmail),
      AULA_TRUSTED_PROXIES: env.trustedProxies.join(','),
      AULA_PUBLIC_URL: env.publicUrl,
    };
    if (webNeedsBuild(root)) {
      log('building the web site (first start or sources changed)…');
      await buildWeb(root, webEnv);
    }
    web = await startWeb(root, env.host, env.webPort, webEnv);
    stops.push(() => web?.stop() ?? Promise.resolve());
  }

  for (const [name, child] of [
    ['Directus', directus.process],
    ['workers', workers.process],
    ['web', web?.process],
  ] as const) {
    child?.once('exit', (code) => {
      if (stopping) return;
      log(`${name} exited unexpectedly (${code}); stopping everything`);
      void shutdown(1);
    });
  }

  const local = [
    `    Administrator     ${env.adminEmail} / ${env.adminPasswordFromEnv ? '(AULA_ADMIN_PASSWORD)' : env.adminPassword}`,
    `    Content manager   editor@example.com / ${env.demoPasswordFromEnv ? '(AULA_DEMO_PASSWORD)' : env.demoPassword}`,
    `    Student           student@example.com / ${env.demoPasswordFromEnv ? '(AULA_DEMO_PASSWORD)' : env.demoPassword}`,
    '',
    '  LOCAL ONLY: generated secrets and demo logins, for this machine. To serve other people, set',
    '  AULA_ENV=production and every secret (see .env.example); demo accounts are then not created.',
  ].join('\n');
  const accounts = env.production
    ? `    Administrator     ${env.adminEmail} (production mode: no demo accounts, secrets from the environment)`
    : local;
  console.log(`
  Aula is running (ready in ${elapsed()}).

    Web site   ${web ? web.url : '(web/ not present)'}
    Directus   ${directus.url}   (Data Studio: ${directus.url}/admin)
    Workers    generation queue on ${redis.url} (providers: see the "aula workers" line above)

${accounts}

  Data is kept in ${env.home}. Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`\naula: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}
