/**
 * `npm start`: PostgreSQL (embedded unless configured), Redis, Directus with Aula's schema,
 * permissions and demo content, the workers, the host agent and the web site — on loopback, with
 * Ctrl-C stopping all of it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHostAgent, versions, withVersion } from './agent.ts';
import { localAgentFile } from './commands/status.ts';
import { readAgentEnv, readEnv } from './env.ts';
import { directusConfig, localHost, startDirectusWithSetup, startMainWeb, startMainWorkers } from './main-services.ts';
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
  const directusUrl = `http://${localHost(env.host)}:${env.directusPort}`;
  const v = versions(root);
  await supervisor.service({
    name: 'directus',
    ...withVersion(v.directus),
    start: async () => {
      let started: { stop: () => Promise<void> } | undefined;
      try {
        return await startDirectusWithSetup(
          env,
          config,
          (line) => log(`${line} at ${elapsed()}`),
          (r) => (started = r),
          {
            pipe: true,
          },
        );
      } catch (error) {
        await started?.stop();
        throw error;
      }
    },
  });

  await supervisor.service({
    name: 'workers',
    ...withVersion(v.aula),
    start: async () => startMainWorkers(root, env, directusUrl, redis.url, { pipe: true }),
  });

  // The host agent on loopback with a token made for this start: the admin panel reads it.
  const agentToken = randomBytes(24).toString('hex');
  const agentEnv = readAgentEnv(
    { ...process.env, AULA_AGENT_TOKEN: agentToken, AULA_AGENT_HOST: '127.0.0.1', AULA_AGENT_NAME: 'local' },
    { home: env.home, role: 'main', production: false },
  )!;
  await ensurePortFree(agentEnv.listen.host, agentEnv.listen.port, 'AULA_AGENT_PORT');
  const agent = await startHostAgent(root, agentEnv, {
    supervisor,
    home: env.home,
    databaseUrl: db.url,
    uploadsDir: join(env.home, 'data', 'uploads'),
    n8nDir: join(env.home, 'data', 'n8n'),
    config: process.env,
    redisUrl: redis.url,
    redisPrefix: env.redisPrefix,
    apiUrl: directusUrl,
    dataServices: ['directus', 'workers', 'web'],
    log,
  });

  // `aula status` (no servers file) finds the local stack's agent here; removed when it stops.
  const agentFile = localAgentFile(env.home);
  writeFileSync(agentFile, JSON.stringify({ url: agent.url, token: agentToken }), { mode: 0o600 });
  supervisor.add(async () => rmSync(agentFile, { force: true }));

  let webUrl: string | undefined;
  if (existsSync(join(root, 'web', 'package.json')))
    await supervisor.service({
      name: 'web',
      ...withVersion(v.next),
      start: async () => {
        const web = await startMainWeb(root, env, directusUrl, {
          build: true,
          log,
          pipe: true,
          env: { AULA_AGENT_URL: agent.url, AULA_AGENT_TOKEN: agentToken, REDIS_URL: redis.url },
        });
        if (!web) throw new Error('web/ is not present');
        webUrl = web.url;
        return web;
      },
    });

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

    Web site   ${webUrl ?? '(web/ not present)'}
    Directus   ${directusUrl}   (Data Studio: ${directusUrl}/admin)
    Workers    generation queue on ${redis.url} (providers: see the "aula workers" line above)
    Agent      ${agent.url}   (the admin panel's view of this machine; its token is the web's only)

${accounts}

  Data is kept in ${env.home}. Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`\naula: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await supervisor.shutdown(1);
}
