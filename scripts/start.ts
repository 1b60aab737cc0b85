/**
 * `npm start`: PostgreSQL (embedded unless configured), Redis, Directus with Aula's schema,
 * permissions and demo content, and the web site — on loopback, with Ctrl-C stopping all of it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from './env.ts';
import { directusConfig, startDirectusWithSetup, startMainWeb, startMainWorkers } from './main-services.ts';
import { ensurePortFree } from './ports.ts';
import { providePostgres } from './postgres.ts';
import { provideRedis } from './redis.ts';
import { supervise } from './supervise.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const log = (line: string) => console.log(`aula: ${line}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const supervisor = supervise(log);

try {
  const env = readEnv(root);
  await ensurePortFree(env.host, env.directusPort, 'AULA_DIRECTUS_PORT');
  await ensurePortFree(env.host, env.webPort, 'AULA_WEB_PORT');

  mkdirSync(join(env.home, 'data', 'uploads'), { recursive: true });
  const db = await providePostgres(env, log);
  supervisor.add(db.stop);
  log(
    `PostgreSQL ready (${db.embedded ? `embedded, port ${env.embeddedPgPort}` : 'from DATABASE_URL'}) at ${elapsed()}`,
  );
  const redis = await provideRedis(env, log);
  supervisor.add(redis.stop);

  const config = directusConfig(env, db.url, redis.url);
  const directus = await startDirectusWithSetup(
    env,
    config,
    (line) => log(`${line} at ${elapsed()}`),
    (running) => supervisor.add(() => running.stop()),
  );

  const workers = startMainWorkers(root, env, directus.url, redis.url);
  supervisor.add(workers.stop);

  const web = await startMainWeb(root, env, directus.url, { build: true, log });
  if (web) supervisor.add(() => web.stop());

  supervisor.watch('Directus', directus.process);
  supervisor.watch('workers', workers.process);
  supervisor.watch('web', web?.process);

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
  await supervisor.shutdown(1);
}
