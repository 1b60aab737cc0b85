import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { type LlmSettings, llmVariables, readLlmSettings } from '@aula/llm';
import { isProduction, productionMessage, productionProblems, type Source } from './production.ts';

/**
 * `npm start`'s configuration: the only place in scripts/ that reads process.env. Every variable is
 * listed in .env.example with its default. Locally, secrets that are not set are generated once into
 * .aula/secrets.json; in production (AULA_ENV=production or a non-loopback AULA_HOST) nothing is
 * generated or defaulted: a missing secret stops the start (see production.ts).
 */
export type StartEnv = ReturnType<typeof readEnv>;

function port(e: Source, name: string, fallback: number): number {
  const raw = e[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return value;
}

function localSecrets(home: string): Record<string, string> {
  const file = join(home, 'secrets.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const wanted = [
    'DIRECTUS_KEY',
    'DIRECTUS_SECRET',
    'AULA_GENERATOR_TOKEN',
    'AULA_PIPELINE_TOKEN',
    'AULA_TUTOR_SERVICE_KEY',
    'EMBEDDED_PG_PASSWORD',
  ];
  let changed = false;
  for (const name of wanted) {
    if (!existing[name]) {
      existing[name] = randomBytes(24).toString('hex');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, `${JSON.stringify(existing, null, 2)}\n`, { mode: 0o600 });
  return existing;
}

function databaseUrlFromParts(e: Source): string | undefined {
  if (e.DATABASE_URL) return e.DATABASE_URL;
  if (!e.DB_HOST) return undefined;
  const url = new URL('postgres://localhost');
  url.hostname = e.DB_HOST;
  url.port = e.DB_PORT ?? '5432';
  url.username = e.DB_USER ?? 'postgres';
  url.password = e.DB_PASSWORD ?? '';
  url.pathname = `/${e.DB_DATABASE ?? 'aula'}`;
  return url.toString();
}

/** The LLM settings (provider keys, chains, prices, caps) through @aula/llm's schema: what `aula providers check` reads. */
export function readLlmEnv(e: Source = process.env): LlmSettings {
  return readLlmSettings(e);
}

/**
 * The LLM variables `npm start` passes to Directus (the course API's trend scan, tutor budget and
 * regenerations price LLM calls): all of them but Browser Use's, which only the workers call.
 */
function llmEnvForDirectus(e: Source): Record<string, string> {
  return Object.fromEntries(Object.entries(llmVariables(e)).filter(([name]) => !name.startsWith('BROWSER_USE_')));
}

/** Sign-in and sign-up limits and Directus's mail settings (the verification mail), read by Directus. */
const ACCOUNT_VARIABLE =
  /^(AULA_LOGIN_\w+|AULA_SIGNUP_PER_\w+|AULA_RATE_LIMIT_(USER|ANONYMOUS|ADDRESS|WINDOW_SECONDS)|EMAIL_\w+)$/;

/**
 * Where the servers of a role listen, for `aula serve web|workers`, which need none of Directus's
 * secrets: only the role that runs Directus reads the whole environment (readEnv).
 */
export function readListenEnv(e: Source = process.env) {
  return {
    host: e.AULA_HOST || '127.0.0.1',
    directusPort: port(e, 'AULA_DIRECTUS_PORT', 8055),
    webPort: port(e, 'AULA_WEB_PORT', 3000),
  };
}

/**
 * The deployment names the Browser Use key BROWSER_USE_KEY; Aula reads BROWSER_USE_API_KEY. Either is
 * accepted: this gives the workers the one they read when only the alias is set.
 */
export function browserUseAlias(e: Source = process.env): Record<string, string> {
  const key = e.BROWSER_USE_API_KEY?.trim() || e.BROWSER_USE_KEY?.trim();
  return key ? { BROWSER_USE_API_KEY: key } : {};
}

export function readEnv(root: string, e: Source = process.env) {
  const production = isProduction(e);
  if (production) {
    const problems = productionProblems(e);
    if (problems.length > 0) throw new Error(productionMessage(e, problems));
  }
  const home = e.AULA_HOME || join(root, '.aula');
  mkdirSync(join(home, 'data'), { recursive: true });
  // Production never generates a secret: every one was checked above to be in the environment.
  const secrets = production ? {} : localSecrets(home);
  const host = e.AULA_HOST || '127.0.0.1';
  return {
    root,
    home,
    host,
    /** Production mode: no demo people, demo content only when asked for, no password resets. */
    production,
    directusPort: port(e, 'AULA_DIRECTUS_PORT', 8055),
    webPort: port(e, 'AULA_WEB_PORT', 3000),
    /** Directus's address as people reach it (its PUBLIC_URL); default http://AULA_HOST:AULA_DIRECTUS_PORT. */
    directusPublicUrl: e.AULA_DIRECTUS_PUBLIC_URL ?? '',
    databaseUrl: databaseUrlFromParts(e),
    embeddedPgPort: port(e, 'AULA_EMBEDDED_PG_PORT', 54329),
    embeddedPgPassword: secrets.EMBEDDED_PG_PASSWORD as string,
    redisUrl: e.REDIS_URL,
    redisPort: port(e, 'AULA_REDIS_PORT', 6380),
    redisPrefix: e.AULA_REDIS_PREFIX ?? 'aula:',
    key: e.DIRECTUS_KEY || (secrets.DIRECTUS_KEY as string),
    secret: e.DIRECTUS_SECRET || (secrets.DIRECTUS_SECRET as string),
    adminEmail: e.AULA_ADMIN_EMAIL || 'admin@example.com',
    adminPassword: e.AULA_ADMIN_PASSWORD || 'aula-admin-2026',
    /** Whether the banner may print the password (only when it is the documented local default). */
    adminPasswordFromEnv: Boolean(e.AULA_ADMIN_PASSWORD),
    demoPasswordFromEnv: Boolean(e.AULA_DEMO_PASSWORD),
    /** The demo content manager and student: local starts only. */
    demoUsers: !production,
    demoPassword: e.AULA_DEMO_PASSWORD || 'aula-demo-2026',
    /** Locally on unless AULA_DEMO_CONTENT=false; in production off unless AULA_DEMO_CONTENT=true. */
    demoContent: production ? e.AULA_DEMO_CONTENT === 'true' : e.AULA_DEMO_CONTENT !== 'false',
    generatorToken: e.AULA_GENERATOR_TOKEN || (secrets.AULA_GENERATOR_TOKEN as string),
    pipelineToken: e.AULA_PIPELINE_TOKEN || (secrets.AULA_PIPELINE_TOKEN as string),
    tutorServiceKey: e.AULA_TUTOR_SERVICE_KEY || (secrets.AULA_TUTOR_SERVICE_KEY as string),
    /** The tutor's per-student limits: read by the course API. */
    tutorLimits: Object.fromEntries(
      ['AULA_TUTOR_MESSAGES_PER_MINUTE', 'AULA_TUTOR_TOKENS_PER_DAY'].flatMap((name) =>
        e[name] ? [[name, e[name] as string]] : [],
      ),
    ),
    /** The chat channels (Chatwoot's Agent Bot) for the course API, and the site's address for links to lessons. */
    channelsEnv: Object.fromEntries(
      [
        'AULA_CHATWOOT_URL',
        'AULA_CHATWOOT_API_TOKEN',
        'AULA_CHATWOOT_ACCOUNT_ID',
        'AULA_CHATWOOT_WEBHOOK_SECRET',
        'AULA_CHATWOOT_TEAM_ID',
        'AULA_PUBLIC_URL',
      ].flatMap((name) => (e[name] ? [[name, e[name] as string]] : [])),
    ),
    /** Provider keys, chains, prices and caps of LLM calls (@aula/llm's LLM_VARIABLES), for the course API. */
    llmEnv: llmEnvForDirectus(e),
    /** BROWSER_USE_API_KEY, also when the deployment set its alias BROWSER_USE_KEY: for the workers. */
    browserUse: browserUseAlias(e),
    accountEnv: Object.fromEntries(
      Object.entries(e).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && ACCOUNT_VARIABLE.test(entry[0]),
      ),
    ),
    /** Sign-ups confirm their e-mail before signing in (needs EMAIL_* for Directus to send the mail). */
    signupVerifyEmail: e.AULA_SIGNUP_VERIFY_EMAIL === 'true',
    logLevel: e.LOG_LEVEL ?? 'warn',
    /** For the web server's and the workers' JSON logs and metrics: LOG_LEVEL (their own default, info), AULA_METRICS_TOKEN. */
    observability: Object.fromEntries(
      (['LOG_LEVEL', 'AULA_METRICS_TOKEN'] as const).flatMap((name) => (e[name] ? [[name, e[name] as string]] : [])),
    ),
    /** AULA_METRICS_TOKEN, also for Directus's own metrics (`Authorization: Metrics <token>`). */
    metricsToken: e.AULA_METRICS_TOKEN ?? '',
    /** AULA_WORKERS_METRICS_PORT: the workers' GET /metrics (off when unset). */
    workersMetricsPort: e.AULA_WORKERS_METRICS_PORT ?? '',
    /** AULA_TRUSTED_PROXIES: the proxies in front whose X-Forwarded-* the web server and Directus believe. */
    trustedProxies: (e.AULA_TRUSTED_PROXIES ?? '').split(/[\s,]+/).filter(Boolean),
    /** The site's public address (AULA_PUBLIC_URL), its own origin for the web server's cross-site checks. */
    publicUrl: e.AULA_PUBLIC_URL ?? '',
  };
}

/**
 * Passed to n8n for its workflows' `$env` (Aula's URL and token, trend sources, Chatwoot, Telegram, Main's
 * host agent, the backup and alert settings, the workers' metrics and their token).
 */
const WORKFLOW_VARIABLE =
  /^AULA_(API_URL|PIPELINE_TOKEN|TREND_\w+|CHATWOOT_\w+|TELEGRAM_\w+|AGENT_URL|AGENT_TOKEN|ALERT_\w+|BACKUP_POLL_SECONDS|BACKUP_WAIT_MINUTES|WORKERS_METRICS_URL|METRICS_TOKEN)$/;

/**
 * The Support role (`aula serve support`): n8n with its owner, encryption key and the workflows'
 * credentials from the environment, and (with --redis) a Redis with a password. Production only: every
 * secret must be set, none generated.
 */
export function readSupportEnv(root: string, e: Source, options: { redis: boolean }) {
  const problems: string[] = [];
  const need = (name: string, min = 1) => {
    const value = (e[name] ?? '').trim();
    if (!value) problems.push(`${name}: not set`);
    else if (value.length < min) problems.push(`${name}: must be at least ${min} characters`);
    return value;
  };
  const owner = { email: need('N8N_OWNER_EMAIL'), password: need('N8N_OWNER_PASSWORD', 12) };
  const encryptionKey = need('N8N_ENCRYPTION_KEY', 16);
  need('AULA_N8N_WEBHOOK_SECRET', 16);
  need('AULA_COURSE_READY_WEBHOOK_SECRET', 16);
  const redisPassword = options.redis ? need('REDIS_PASSWORD', 16) : '';
  if (problems.length > 0)
    throw new Error(
      ['the support role refuses to start until these variables are set:', ...problems.map((p) => `  ${p}`)].join('\n'),
    );
  const host = e.AULA_HOST || '127.0.0.1';
  const home = e.AULA_HOME || join(root, '.aula');
  const n8nPort = port(e, 'N8N_PORT', 5678);
  return {
    home,
    host,
    n8nPort,
    /** n8n's address as the outside world reaches it (webhooks): N8N_PUBLIC_URL, else http://AULA_HOST:N8N_PORT. */
    n8nPublicUrl: e.N8N_PUBLIC_URL || `http://${host}:${n8nPort}/`,
    n8nHome: e.AULA_N8N_HOME,
    owner,
    encryptionKey,
    workflowEnv: Object.fromEntries(
      Object.entries(e).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && WORKFLOW_VARIABLE.test(entry[0]),
      ),
    ),
    redis: options.redis
      ? { bind: e.AULA_REDIS_BIND || host, port: port(e, 'AULA_REDIS_PORT', 6379), password: redisPassword }
      : undefined,
  };
}

/**
 * `aula backup` and `aula restore` on this machine: `npm start`'s environment (AULA_HOME, DATABASE_URL
 * or the embedded PostgreSQL), AULA_PG_BIN (the one directory to take pg_dump/pg_restore from), and
 * the environment whose non-secret settings a full backup keeps (the backup library leaves secrets out).
 */
export function readBackupEnv(root: string, e: Source = process.env) {
  return {
    start: readEnv(root, e),
    pgBin: e.AULA_PG_BIN || undefined,
    aulaVersion: e.AULA_VERSION || e.AULA_IMAGE_TAG || 'dev',
    config: { ...e },
  };
}

/**
 * The host agent (packages/ops/src/agent) that `aula serve main|support` runs when AULA_AGENT_TOKEN is
 * set: where it listens, what it calls this host, where backups go and how many are kept, and (Main)
 * the Mirror's agent for a clone. Production wants a token of at least 32 characters.
 */
export function readAgentEnv(e: Source, defaults: { home: string; role: 'main' | 'support'; production: boolean }) {
  const token = (e.AULA_AGENT_TOKEN ?? '').trim();
  if (!token) return undefined;
  const min = defaults.production ? 32 : 16;
  if (token.length < min) throw new Error(`AULA_AGENT_TOKEN: must be at least ${min} characters`);
  const role = e.AULA_AGENT_ROLE || defaults.role;
  if (!['main', 'support', 'mirror'].includes(role)) throw new Error('AULA_AGENT_ROLE: one of main, support, mirror');
  if (role === 'mirror' && defaults.role !== 'main')
    throw new Error('AULA_AGENT_ROLE=mirror: the Mirror runs `aula serve main`');
  const keep = Number(e.AULA_BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1) throw new Error('AULA_BACKUP_KEEP: a whole number of backups, at least 1');
  const mirrorUrl = (e.AULA_MIRROR_AGENT_URL ?? '').trim();
  const mirrorToken = (e.AULA_MIRROR_AGENT_TOKEN ?? '').trim();
  if (mirrorUrl && !mirrorToken) throw new Error('AULA_MIRROR_AGENT_TOKEN: not set (AULA_MIRROR_AGENT_URL is)');
  return {
    token,
    role: role as 'main' | 'support' | 'mirror',
    name: e.AULA_AGENT_NAME || role,
    listen: { host: e.AULA_AGENT_HOST || '127.0.0.1', port: port(e, 'AULA_AGENT_PORT', 8070) },
    backupsDir: e.AULA_BACKUP_DIR || join(defaults.home, 'backups'),
    backupKeep: keep,
    mirror: mirrorUrl ? { url: mirrorUrl, token: mirrorToken } : undefined,
    sampleIntervalMs: sampleMs(e.AULA_AGENT_SAMPLE_MS),
    aulaVersion: e.AULA_VERSION || '',
    pgBin: e.AULA_PG_BIN || undefined,
  };
}

function sampleMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 15_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100) throw new Error('AULA_AGENT_SAMPLE_MS: milliseconds, at least 100');
  return value;
}

/**
 * `aula status`, `clone`, `connect`: the servers file (AULA_SERVERS, else none: the local `npm start`
 * stack, whose agent `npm start` describes in AULA_HOME/agent.json), who acts (AULA_ACTOR, else the
 * Unix user), and the agent tokens (AULA_AGENT_TOKEN_<NAME> or AULA_AGENT_TOKEN).
 */
export function readOpsCliEnv(root: string, e: Source = process.env) {
  return {
    serversFile: e.AULA_SERVERS || undefined,
    home: e.AULA_HOME || join(root, '.aula'),
    actor: e.AULA_ACTOR || `${userInfo().username}@cli`,
    tokens: Object.fromEntries(Object.entries(e).filter(([name]) => name.startsWith('AULA_AGENT_TOKEN'))),
  };
}
