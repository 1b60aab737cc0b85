import { join } from 'node:path';
import { main as n8nBridge } from '@aula/n8n/cli';
import { readBridgeEnv } from '@aula/n8n/env';
import { startN8n } from '@aula/n8n/process';
import { browserUseAlias, readEnv, readListenEnv, readSupportEnv } from './env.ts';
import { directusConfig, localHost, startDirectusWithSetup, startMainWeb, startMainWorkers } from './main-services.ts';
import { providePostgres } from './postgres.ts';
import type { Source } from './production.ts';
import { pingRedisUrl, startRedisServer } from './redis.ts';
import type { Supervisor } from './supervise.ts';
import { startWeb, webNeedsBuild } from './web.ts';
import { startWorkers } from './workers.ts';

/**
 * `aula serve <role>`: a server role's built runnables in production mode, what the images in
 * infra/images run (one role per container) and what a host without Docker runs (main, support).
 * Nothing is generated and nothing embedded: the database, Redis and every secret come from the
 * environment, checked before anything starts.
 */
export const ROLES = {
  main: 'the Main server without Docker: Directus with the set-up, the workers and the web site',
  support: 'the Support server without Docker: n8n with Aula’s workflows deployed (--redis: and its Redis)',
  directus: 'Directus with the course API; applies schema, permissions and accounts at each start',
  web: 'the web site (already built: pnpm --filter @aula/web build)',
  workers: 'the generation workers (one more host on the same queue: this role alone)',
} as const;
export type Role = keyof typeof ROLES;

type Options = { root: string; source: Source; supervisor: Supervisor; log: (line: string) => void; redis?: boolean };

/** Every role runs in production mode, whatever AULA_ENV says. */
const production = (source: Source): Source => ({ ...source, AULA_ENV: 'production' });

async function serveDirectusRoles(role: 'main' | 'directus', o: Options): Promise<void> {
  const env = readEnv(o.root, production(o.source));
  if (!env.redisUrl) throw new Error('REDIS_URL: not set (a served role never looks for a Redis of its own)');
  const db = await providePostgres(env, o.log);
  await startDirectusWithSetup(env, directusConfig(env, db.url, env.redisUrl), o.log, (running) => {
    o.supervisor.add(() => running.stop());
    o.supervisor.watch('Directus', running.process);
  });
  o.log(`Directus listening on ${env.host}:${env.directusPort}`);
  if (role === 'directus') return;
  const directusUrl = `http://${localHost(env.host)}:${env.directusPort}`;
  const workers = startMainWorkers(o.root, env, directusUrl, env.redisUrl);
  o.supervisor.add(workers.stop);
  o.supervisor.watch('workers', workers.process);
  const web = await startMainWeb(o.root, env, directusUrl, { build: false, log: o.log });
  if (web) {
    o.supervisor.add(web.stop);
    o.supervisor.watch('web', web.process);
    o.log(`web site listening on ${env.host}:${env.webPort}`);
  }
}

async function serveSupport(o: Options): Promise<void> {
  const env = readSupportEnv(o.root, production(o.source), { redis: o.redis ?? false });
  if (env.redis) {
    const redis = await startRedisServer({ ...env.redis, dir: join(env.home, 'data', 'redis') });
    o.supervisor.add(redis.stop);
    o.log(`Redis listening on ${env.redis.bind}:${env.redis.port} (password, noeviction, append-only)`);
  }
  const n8n = await startN8n({
    ...(env.n8nHome ? { home: env.n8nHome } : {}),
    listen: { host: env.host, port: env.n8nPort, publicUrl: env.n8nPublicUrl },
    userFolder: join(env.home, 'data', 'n8n'),
    encryptionKey: env.encryptionKey,
    owner: env.owner,
    env: env.workflowEnv,
  });
  o.supervisor.add(n8n.stop);
  o.log(`n8n listening on ${env.host}:${env.n8nPort}`);
  // The same command as the compose file's one-shot n8n-deploy service.
  const code = await n8nBridge(['deploy'], readBridgeEnv({ ...o.source, N8N_URL: n8n.url }), o.log);
  if (code !== 0) throw new Error(`deploying the workflows to n8n failed (${code})`);
}

export async function serve(role: Role, o: Options): Promise<void> {
  switch (role) {
    case 'main':
    case 'directus':
      return serveDirectusRoles(role, o);
    case 'support':
      return serveSupport(o);
    case 'web': {
      if (webNeedsBuild(o.root))
        throw new Error('the web site is not built (or older than its sources): run `pnpm --filter @aula/web build`');
      const { host, webPort } = readListenEnv(o.source);
      const web = await startWeb(o.root, host, webPort, { AULA_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
      o.supervisor.add(web.stop);
      o.supervisor.watch('web', web.process);
      o.log(`web site listening on ${host}:${webPort}`);
      return;
    }
    case 'workers': {
      // The workers check their own environment (workers/src/env.ts) and say what is missing.
      const workers = startWorkers(o.root, { AULA_ENV: 'production', ...browserUseAlias(o.source) });
      o.supervisor.add(workers.stop);
      o.supervisor.watch('workers', workers.process);
      return;
    }
  }
}

/** A container's health check: the role's own server answers (workers: their Redis and Directus do). */
export async function health(role: Role, source: Source): Promise<string | undefined> {
  const get = async (url: string) =>
    fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => (r.ok ? undefined : `${url} answered ${r.status}`),
      (e: Error) => `${url}: ${e.message}`,
    );
  const { host, directusPort, webPort } = readListenEnv(source);
  const local = localHost(host);
  switch (role) {
    case 'directus':
      return get(`http://${local}:${directusPort}/server/ping`);
    case 'web':
      return get(`http://${local}:${webPort}/`);
    case 'workers': {
      if (!source.REDIS_URL) return 'REDIS_URL: not set';
      if (!(await pingRedisUrl(source.REDIS_URL))) return 'Redis does not answer PING at REDIS_URL';
      return get(`${(source.DIRECTUS_URL ?? 'http://127.0.0.1:8055').replace(/\/+$/, '')}/server/ping`);
    }
    case 'main':
      return (await get(`http://${local}:${directusPort}/server/ping`)) ?? (await get(`http://${local}:${webPort}/`));
    case 'support':
      return get(`http://${local}:${Number(source.N8N_PORT || 5678)}/healthz/readiness`);
  }
}
