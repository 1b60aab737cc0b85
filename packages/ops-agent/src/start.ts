import { join } from 'node:path';
import { readLlmSettings } from '@aula/llm';
import { readServers, tokenFor } from '@aula/ops/agent';
import { z } from 'zod';
import { startOpsApi } from './api.ts';
import { OpsEngine } from './engine.ts';
import { type Dependencies, readComposeDependencies } from './graph.ts';
import { dokployPlatform, hostAgentPlatform, type Platform } from './platform.ts';
import { ACTION_KINDS, RUNBOOKS, validateRunbooks } from './runbooks.ts';
import { IncidentStore } from './store.ts';
import { TelegramBot } from './telegram.ts';
import type { Probe, WatchedHost } from './watch.ts';

type Env = Record<string, string | undefined>;

const ProbeSchema = z.array(
  z.object({
    host: z.string().min(1),
    service: z.string().min(1),
    url: z.string().regex(/^(https?|tcp):\/\//, 'http(s):// or tcp://'),
    metrics: z.boolean().optional(),
  }),
);

const json = <T>(name: string, text: string | undefined, schema: z.ZodType<T>, fallback: T): T => {
  if (!text) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${name}: not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
};

/** The ops agent's settings from its environment (infra/README.md lists them); throws naming what is wrong. */
export function readOpsEnv(env: Env, root: string) {
  const problems: string[] = [];
  const need = (name: string) => {
    const v = env[name];
    if (!v) problems.push(`${name}: not set`);
    return v ?? '';
  };
  const serversFile = need('AULA_SERVERS');
  const databaseUrl = need('OPS_DATABASE_URL');
  if (problems.length) throw new Error(problems.join('; '));
  const servers = readServers(serversFile);
  const hosts: WatchedHost[] = servers.map((s) => ({
    name: s.name,
    role: s.role,
    agent: s.agent,
    token: tokenFor(s.name, env),
  }));
  const compose = {
    main: env.OPS_COMPOSE_MAIN ?? join(root, 'infra', 'main', 'compose.yaml'),
    support: env.OPS_COMPOSE_SUPPORT ?? join(root, 'infra', 'support', 'compose.yaml'),
  };
  const byRole: Record<string, Dependencies> = {
    main: readComposeDependencies(compose.main),
    mirror: readComposeDependencies(compose.main),
    support: readComposeDependencies(compose.support),
  };
  const graphs = Object.fromEntries(hosts.map((h) => [h.name, byRole[h.role] ?? {}]));
  const probes: Probe[] = json('OPS_PROBES', env.OPS_PROBES, ProbeSchema, []);
  const admins = (env.OPS_TELEGRAM_ADMINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      if (!/^\d{1,15}$/.test(s)) throw new Error('OPS_TELEGRAM_ADMINS: Telegram user ids (numbers), comma-separated');
      return Number(s);
    });
  const telegram = env.OPS_TELEGRAM_BOT_TOKEN
    ? { token: env.OPS_TELEGRAM_BOT_TOKEN, apiUrl: env.TELEGRAM_API_URL ?? 'https://api.telegram.org', admins }
    : undefined;
  if (telegram && admins.length === 0) throw new Error('OPS_TELEGRAM_ADMINS: name at least one administrator');
  const dokploy =
    env.DOKPLOY_URL && env.DOKPLOY_API_KEY
      ? {
          url: env.DOKPLOY_URL,
          apiKey: env.DOKPLOY_API_KEY,
          apps: json('DOKPLOY_APPLICATIONS', env.DOKPLOY_APPLICATIONS, z.record(z.string(), z.string()), {}),
        }
      : undefined;
  const safeActions = (env.OPS_SAFE_ACTIONS ?? 'restart,cleanup,backup')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of safeActions)
    if (!(ACTION_KINDS as readonly string[]).includes(a)) throw new Error(`OPS_SAFE_ACTIONS: ${a} is not an action`);
  const autoConfidence = Number(env.OPS_AUTO_CONFIDENCE ?? 0.9);
  if (!(autoConfidence >= 0 && autoConfidence <= 1)) throw new Error('OPS_AUTO_CONFIDENCE: a number from 0 to 1');
  const llmSettings = readLlmSettings(env);
  const [apiHost = '127.0.0.1', apiPort = '8071'] = (env.OPS_API_LISTEN ?? '127.0.0.1:8071').split(/:(?=\d+$)/);
  return {
    hosts,
    graphs,
    probes,
    databaseUrl,
    telegram,
    dokploy,
    policy: { safeActions, autoConfidence },
    llm: llmSettings.configured.length > 0 ? llmSettings : undefined,
    intervalMs: Number(env.OPS_INTERVAL_SECONDS ?? 10) * 1000,
    thresholds: env.OPS_DISK_RATIO ? { diskRatio: Number(env.OPS_DISK_RATIO) } : {},
    api: env.OPS_API_TOKEN ? { token: env.OPS_API_TOKEN, listen: { host: apiHost, port: Number(apiPort) } } : undefined,
  };
}

export type OpsSettings = ReturnType<typeof readOpsEnv>;

/** Starts the watch loop, the Telegram bot (when configured) and the read-only API (when configured). */
export async function startOpsAgent(s: OpsSettings, log: (line: string) => void) {
  validateRunbooks(RUNBOOKS);
  const store = new IncidentStore(s.databaseUrl);
  await store.ensureSchema();
  const platforms: Platform[] = [hostAgentPlatform(s.hosts)];
  if (s.dokploy) platforms.push(dokployPlatform(s.dokploy));
  let bot: TelegramBot | undefined;
  const engine = new OpsEngine({
    hosts: s.hosts,
    probes: s.probes,
    graphs: s.graphs,
    store,
    platforms,
    ...(s.llm ? { llm: s.llm } : {}),
    policy: s.policy,
    thresholds: s.thresholds,
    intervalMs: s.intervalMs,
    notify: async (text) => bot?.broadcast(text),
    log,
  });
  if (s.telegram) bot = new TelegramBot({ ...s.telegram, engine, log });
  const api = s.api ? await startOpsApi({ store, ...s.api }) : undefined;
  engine.start();
  bot?.start();
  log(
    `watching ${s.hosts.map((h) => h.name).join(', ')} and ${s.probes.length} health checks; model: ${s.llm ? 'yes' : 'none (rules)'}; Telegram: ${bot ? 'yes' : 'no'}${api ? `; API on ${api.url}` : ''}`,
  );
  return {
    engine,
    store,
    api,
    stop: async () => {
      await bot?.stop();
      await engine.stop();
      await api?.stop();
      await store.close();
    },
  };
}
