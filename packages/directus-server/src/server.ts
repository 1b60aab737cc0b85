import { type ChildProcess, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** Everything a Directus process of Aula's needs to know. Built by `directusEnv`, never from process.env directly. */
export type DirectusConfig = {
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key this instance writes (cache namespace), so instances sharing one Redis stay apart. */
  redisPrefix: string;
  key: string;
  secret: string;
  adminEmail: string;
  adminPassword: string;
  logLevel?: string;
  cache?: boolean;
  /**
   * Requests per second per address before 429, whoever asks (Directus's own limiter): the ceiling
   * against abuse from one address, far above what a class behind one school address needs.
   */
  rateLimitPoints?: number;
  /** Requests per second of one signed-in person, wherever they are (AULA_RATE_LIMIT_USER, aula-accounts). */
  userRateLimitPoints?: number;
  /** Requests per second without credentials from one address (AULA_RATE_LIMIT_ANONYMOUS, aula-accounts). */
  anonymousRateLimitPoints?: number;
  /**
   * The hops whose X-Forwarded-For Directus believes (IP_TRUST_PROXY): the web server, which passes on
   * the address it resolved for each person, and the proxies in front (AULA_TRUSTED_PROXIES).
   * Addresses, CIDR ranges or `loopback`; `['loopback']` (the web server on the same machine) by default.
   * Anyone else's X-Forwarded-For is ignored: their connection's address is what the limits count.
   */
  trustedProxies?: readonly string[];
  compileCacheDir?: string;
  /** Where uploaded files (course covers) are stored. */
  uploadsDir: string;
  /** The web server's key for storing the tutor's answers (AULA_TUTOR_SERVICE_KEY); without it none are stored. */
  tutorServiceKey?: string;
  /**
   * Directus's own Prometheus metrics (`GET /metrics`: database, cache and Redis checks) are
   * always on; administrators may read them, and a scraper holding this token (AULA_METRICS_TOKEN), sent
   * as `Authorization: Metrics <token>` (Directus's scheme, not Bearer).
   */
  metricsToken?: string;
  /** How often Directus refreshes those checks (cron, seconds allowed); every minute by default. */
  metricsSchedule?: string;
  /** Settings of the course API read from Directus's environment (AULA_TUTOR_* limits). */
  extraEnv?: Record<string, string>;
};

const require = createRequire(import.meta.url);
/** The API CLI, called directly: `npx directus` first runs an update check against the internet. */
export const directusCli = createRequire(realpathSync(require.resolve('directus/package.json'))).resolve(
  '@directus/api/cli/run.js',
);
/**
 * The folder Directus loads extensions from: the one that holds Aula's extension packages (the course
 * API and the accounts hook), found through their declared dependency rather than a relative path.
 */
export const extensionsPath = dirname(
  dirname(realpathSync(require.resolve('directus-extension-aula-api/package.json'))),
);

/** The environment a Directus process runs with: hardened defaults, no telemetry, nothing leaves loopback. */
export function directusEnv(config: DirectusConfig): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HOST: config.host,
    PORT: String(config.port),
    PUBLIC_URL: config.publicUrl,
    KEY: config.key,
    SECRET: config.secret,
    DB_CLIENT: 'pg',
    DB_CONNECTION_STRING: config.databaseUrl,
    ADMIN_EMAIL: config.adminEmail,
    ADMIN_PASSWORD: config.adminPassword,
    REDIS: config.redisUrl,
    AULA_REDIS_PREFIX: config.redisPrefix,
    CACHE_ENABLED: String(config.cache ?? true),
    CACHE_STORE: 'redis',
    CACHE_NAMESPACE: `${config.redisPrefix}cache`,
    CACHE_AUTO_PURGE: 'true',
    // A read that was under way while an item changed can store its old answer after the purge:
    // such an answer lives at most this long. Reads that must be current (is this course still
    // published?) skip the cache with `Cache-Control: no-store`.
    CACHE_TTL: '30s',
    CACHE_SKIP_ALLOWED: 'true',
    CACHE_SCHEMA: 'true',
    // Directus hands every request the cached schema; unfrozen (its default), it deep-clones it for each
    // caller first (lodash cloneDeep of every collection, field and relation): a quarter of its CPU under
    // load. Frozen, every request shares the one read-only copy (Directus's own option; nothing of
    // Aula's changes the schema object).
    CACHE_SCHEMA_FREEZE_ENABLED: 'true',
    // Directus's default (true) believes the left-most X-Forwarded-For of anyone: a made-up header
    // would give every request an address of its own and undo every per-address limit.
    IP_TRUST_PROXY: `array:${(config.trustedProxies ?? ['loopback']).join(',')}`,
    IP_CUSTOM_HEADER: 'false',
    RATE_LIMITER_ENABLED: 'true',
    RATE_LIMITER_STORE: 'redis',
    RATE_LIMITER_POINTS: String(config.rateLimitPoints ?? 1_000),
    RATE_LIMITER_DURATION: '1',
    RATE_LIMITER_KEY_PREFIX: `${config.redisPrefix}rate`,
    RATE_LIMITER_REGISTRATION_KEY_PREFIX: `${config.redisPrefix}rate-registration`,
    // Under that ceiling, aula-accounts counts signed-in requests per person and anonymous ones per
    // address, so a class behind one address shares nothing but the ceiling.
    AULA_RATE_LIMIT_USER: String(config.userRateLimitPoints ?? 50),
    AULA_RATE_LIMIT_ANONYMOUS: String(config.anonymousRateLimitPoints ?? 50),
    // Every Redis namespace Directus uses carries the prefix. Its defaults are fixed names
    // ("directus:bus", "directus:lock", "permissions", …), so two instances on one Redis (test
    // stacks running side by side, npm start next to the tests) would read each other's schema
    // announcements and permission cache: Directus 11 takes these names, not MESSENGER_* (gone).
    SYNCHRONIZATION_STORE: 'redis',
    SYNCHRONIZATION_NAMESPACE: `${config.redisPrefix}sync`,
    REDIS_BUS_NAMESPACE: `${config.redisPrefix}bus`,
    REDIS_LOCK_NAMESPACE: `${config.redisPrefix}lock`,
    REDIS_PERMISSIONS_NAMESPACE: `${config.redisPrefix}permissions`,
    REDIS_COUNTERS_NAMESPACE: `${config.redisPrefix}counters`,
    IMPORT_EXPORT_NAMESPACE: `${config.redisPrefix}import-export`,
    WEBSOCKETS_COLLAB_STORE_NAMESPACE: `${config.redisPrefix}collab`,
    QUERY_LIMIT_DEFAULT: '100',
    QUERY_LIMIT_MAX: '500',
    MAX_RELATIONAL_DEPTH: '5',
    MAX_PAYLOAD_SIZE: '2mb',
    ACCESS_TOKEN_TTL: '15m',
    REFRESH_TOKEN_TTL: '7d',
    SESSION_COOKIE_TTL: '7d',
    STORAGE_LOCATIONS: 'local',
    STORAGE_LOCAL_DRIVER: 'local',
    STORAGE_LOCAL_ROOT: config.uploadsDir,
    EXTENSIONS_PATH: extensionsPath,
    EXTENSIONS_AUTO_RELOAD: 'false',
    WEBSOCKETS_ENABLED: 'false',
    // On by default even with WebSockets off: every log line, each request's at `info` too, was parsed,
    // re-serialised and published on the Redis bus for a logs socket nobody can open.
    WEBSOCKETS_LOGS_ENABLED: 'false',
    TELEMETRY: 'false',
    METRICS_ENABLED: 'true',
    METRICS_SCHEDULE: config.metricsSchedule ?? '*/1 * * * *',
    // Not `storage`: its check writes and deletes a file among the uploads, which backups copy.
    METRICS_SERVICES: 'database,cache,redis',
    ...(config.metricsToken ? { METRICS_TOKENS: config.metricsToken } : {}),
    LOG_LEVEL: config.logLevel ?? 'warn',
    LOG_STYLE: 'pretty',
    // Chatwoot's Agent Bot carries the webhook's secret in its URL (`?secret=`), and Directus logs each
    // request's URL at `info` (it redacts `access_token` only): that route's requests are not logged.
    LOG_HTTP_IGNORE_PATHS: '/aula/channels/chatwoot/webhook',
    ...(config.compileCacheDir ? { NODE_COMPILE_CACHE: config.compileCacheDir } : {}),
    ...(config.tutorServiceKey ? { AULA_TUTOR_SERVICE_KEY: config.tutorServiceKey } : {}),
    ...config.extraEnv,
  };
  // A deployment's AULA_RATE_LIMIT_ADDRESS is Directus's own per-address ceiling.
  if (config.extraEnv?.AULA_RATE_LIMIT_ADDRESS) env.RATE_LIMITER_POINTS = config.extraEnv.AULA_RATE_LIMIT_ADDRESS;
  return env;
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [directusCli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`directus ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** Creates the system tables and the first administrator on an empty database; on an existing one, runs pending migrations. */
export function bootstrapDirectus(config: DirectusConfig): Promise<void> {
  return run(['bootstrap'], directusEnv(config));
}

export type RunningDirectus = {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** The last 20 kB the server printed (empty when its output goes to the terminal). */
  output: () => string;
};

/** Starts the Directus server and resolves once `/server/ping` answers. */
export async function startDirectus(
  config: DirectusConfig,
  options: { stdio?: 'inherit' | 'pipe'; timeoutMs?: number } = {},
): Promise<RunningDirectus> {
  const child = spawn(process.execPath, [directusCli, 'start'], {
    env: directusEnv(config),
    stdio: ['ignore', options.stdio ?? 'pipe', options.stdio ?? 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://${config.host}:${config.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Directus exited with ${child.exitCode} before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/server/ping`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { url, process: child, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`Directus did not answer ${url}/server/ping within ${options.timeoutMs ?? 90_000} ms:\n${output}`);
}

/** Sets a user's password through the Directus CLI (used when the configured admin password changed). */
export function setUserPassword(config: DirectusConfig, email: string, password: string): Promise<void> {
  return run(['users', 'passwd', '--email', email, '--password', password], directusEnv(config));
}

/** Creates a user through the Directus CLI (the Mirror's administrator in a database restored from Main). */
export function createUser(config: DirectusConfig, email: string, password: string, role: string): Promise<void> {
  return run(['users', 'create', '--email', email, '--password', password, '--role', role], directusEnv(config));
}
