import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main as n8nBridge } from '@aula/n8n/cli';
import { readBridgeEnv } from '@aula/n8n/env';
import { startN8n } from '@aula/n8n/process';
import { startHostAgent, versions, withVersion } from './agent.ts';
import { browserUseAlias, readAgentEnv, readEnv, readListenEnv, readSupportEnv } from './env.ts';
import {
  adoptRestoredDatabase,
  directusConfig,
  localHost,
  startDirectusWithSetup,
  startMainWeb,
  startMainWorkers,
} from './main-services.ts';
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
  const source = production(o.source);
  const env = readEnv(o.root, source);
  if (!env.redisUrl) throw new Error('REDIS_URL: not set (a served role never looks for a Redis of its own)');
  const redisUrl = env.redisUrl;
  // Checked before anything starts, like every other variable.
  const agentEnv =
    role === 'main' ? readAgentEnv(source, { home: env.home, role: 'main', production: true }) : undefined;
  const v = versions(o.root);
  const db = await providePostgres(env, o.log);
  // Directus with its set-up (schema, permissions, accounts) at every start: after a restore too.
  await o.supervisor.service({
    name: 'directus',
    ...withVersion(v.directus),
    start: async () => {
      let started: { stop: () => Promise<void> } | undefined;
      try {
        return await startDirectusWithSetup(env, directusConfig(env, db.url, redisUrl), o.log, (r) => (started = r), {
          pipe: true,
        });
      } catch (error) {
        await started?.stop();
        throw error;
      }
    },
  });
  o.log(`Directus listening on ${env.host}:${env.directusPort}`);
  if (role === 'directus') return;
  const directusUrl = `http://${localHost(env.host)}:${env.directusPort}`;
  await o.supervisor.service({
    name: 'workers',
    ...withVersion(v.aula),
    start: async () => startMainWorkers(o.root, env, directusUrl, redisUrl, { pipe: true }),
  });
  if (existsSync(join(o.root, 'web', 'package.json'))) {
    await o.supervisor.service({
      name: 'web',
      ...withVersion(v.next),
      start: async () => {
        const web = await startMainWeb(o.root, env, directusUrl, {
          build: false,
          log: o.log,
          pipe: true,
          // The admin panel reads this host's agent (or the servers file, AULA_SERVERS); the content
          // version is read in Directus's Redis.
          env: {
            REDIS_URL: redisUrl,
            ...(agentEnv
              ? {
                  AULA_AGENT_URL: `http://${localHost(agentEnv.listen.host)}:${agentEnv.listen.port}`,
                  AULA_AGENT_TOKEN: agentEnv.token,
                }
              : {}),
          },
        });
        if (!web) throw new Error('web/ is not present');
        return web;
      },
    });
    o.log(`web site listening on ${env.host}:${env.webPort}`);
  }
  if (agentEnv) {
    const agent = await startHostAgent(o.root, agentEnv, {
      supervisor: o.supervisor,
      home: env.home,
      databaseUrl: db.url,
      uploadsDir: join(env.home, 'data', 'uploads'),
      config: source,
      redisUrl,
      redisPrefix: env.redisPrefix,
      apiUrl: directusUrl,
      dataServices: ['directus', 'workers', 'web'],
      afterOwnRestore: () => adoptRestoredDatabase(env, directusConfig(env, db.url, redisUrl)),
      log: o.log,
    });
    o.log(`host agent (${agentEnv.role}) listening on ${agent.url}`);
  }
}

async function serveSupport(o: Options): Promise<void> {
  const source = production(o.source);
  const env = readSupportEnv(o.root, source, { redis: o.redis ?? false });
  const agentEnv = readAgentEnv(source, { home: env.home, role: 'support', production: true });
  if (env.redis) {
    const redis = await startRedisServer({ ...env.redis, dir: join(env.home, 'data', 'redis') });
    o.supervisor.add(redis.stop);
    o.log(`Redis listening on ${env.redis.bind}:${env.redis.port} (password, noeviction, append-only)`);
  }
  const n8nVersion = versions(o.root).n8n;
  let n8nUrl = '';
  await o.supervisor.service({
    name: 'n8n',
    ...withVersion(n8nVersion),
    start: async () => {
      const n8n = await startN8n({
        ...(env.n8nHome ? { home: env.n8nHome } : {}),
        listen: { host: env.host, port: env.n8nPort, publicUrl: env.n8nPublicUrl },
        userFolder: join(env.home, 'data', 'n8n'),
        encryptionKey: env.encryptionKey,
        owner: env.owner,
        env: env.workflowEnv,
      });
      n8nUrl = n8n.url;
      return n8n;
    },
  });
  o.log(`n8n listening on ${env.host}:${env.n8nPort}`);
  // The same command as the compose file's one-shot n8n-deploy service.
  const code = await n8nBridge(['deploy'], readBridgeEnv({ ...o.source, N8N_URL: n8nUrl }), o.log);
  if (code !== 0) throw new Error(`deploying the workflows to n8n failed (${code})`);
  if (agentEnv) {
    const agent = await startHostAgent(o.root, agentEnv, {
      supervisor: o.supervisor,
      home: env.home,
      n8nDir: join(env.home, 'data', 'n8n'),
      config: source,
      log: o.log,
    });
    o.log(`host agent (support) listening on ${agent.url}`);
  }
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
