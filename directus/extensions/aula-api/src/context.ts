import { AulaError, ROLE_NAMES, type RoleName } from '@aula/domain';
import { createGenerationQueue, failFastRedisOptions, type GenerationQueue, whenReady } from '@aula/jobs';
import { createLlm, type Llm, type LlmSettings, readLlmSettings } from '@aula/llm';
import { Redis } from 'ioredis';
import type { Accountability, Database, EndpointContext, ItemsOf, Knex, Request } from './directus.ts';

/** What a use case is handed: who asks, data access, the queue. Built once per request. */
export type Ctx = {
  user: string;
  roles: Set<RoleName>;
  /** Items with full rights: use cases check the caller's role first. */
  items: ItemsOf;
  /** Items as the caller: Directus's permissions apply. */
  itemsAsCaller: ItemsOf;
  queue: () => GenerationQueue;
  /** The LLM providers, configured from Directus's environment (AULA_GENERATION_*, provider keys). */
  llm: () => Llm;
  /**
   * The LLM settings behind `llm` (chains, fallback price, caps), read once from Directus's
   * environment through @aula/llm's schema: for pricing a call before it is made, and for the caps.
   */
  llmConfig: () => LlmSettings;
  /**
   * Aula's Redis (the tutor's limits), once ready (fails after REDIS_FAIL_FAST_MS), and the prefix
   * every key of this instance starts with.
   */
  redis: () => Promise<Redis>;
  redisPrefix: string;
  /** Directus's environment (AULA_* settings of the course API). */
  env: Record<string, unknown>;
  /** Request headers, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /**
   * One SQL statement (PostgreSQL, `?` bindings) with full rights, for a hot path that needs one round
   * trip where the services would make many (the tutor's turn). Like `items`, it checks nothing: the
   * statement filters by the caller itself. Writes here bypass Directus's cache purge: only for rows
   * nobody reads through Directus's cached REST reads (the course API's own endpoints are not cached).
   */
  sql: <R>(text: string, bindings: readonly unknown[]) => Promise<R[]>;
  /** `knex` is for row locks (`forUpdate`); writes go through `items` so Directus purges its cache. */
  transaction: <T>(fn: (items: ItemsOf, knex: Knex) => Promise<T>) => Promise<T>;
  /** Raw SQL, for read-only aggregates Directus's services cannot say (the studio's analytics); the caller's role is checked first. */
  db: Database;
  logger: EndpointContext['logger'];
};

/**
 * How long a request waits for Redis before it is answered 503: the course API answers people, and
 * Redis (BullMQ, the tutor's limits) down must not hang it. The workers, which block on Redis, wait.
 */
export const REDIS_FAIL_FAST_MS = 1_000;

const roleCache = new Map<string, { name: RoleName; at: number }>();
let queue: GenerationQueue | undefined;
let redis: Redis | undefined;
let llm: Llm | undefined;
let llmConfig: LlmSettings | undefined;

/** Directus casts its environment (numbers, comma lists to arrays); the LLM settings are read as text. */
function textEnv(env: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v == null ? undefined : Array.isArray(v) ? v.join(',') : String(v)]),
  );
}

function configFrom(env: Record<string, unknown>): LlmSettings {
  try {
    llmConfig ??= readLlmSettings(textEnv(env));
    return llmConfig;
  } catch (error) {
    throw new AulaError('unavailable', `The language model is not configured: ${(error as Error).message}`);
  }
}

function llmFrom(env: Record<string, unknown>): Llm {
  try {
    llm ??= createLlm(configFrom(env));
    return llm;
  } catch (error) {
    throw new AulaError('unavailable', `The language model is not configured: ${(error as Error).message}`);
  }
}

async function roleNames(endpoint: EndpointContext, schema: unknown, accountability: NonNullable<Accountability>) {
  const ids = accountability.roles?.length ? accountability.roles : accountability.role ? [accountability.role] : [];
  const names = new Set<RoleName>();
  if (accountability.admin) names.add(ROLE_NAMES.administrator);
  const roles = new endpoint.services.ItemsService('directus_roles', { schema, accountability: null });
  for (const id of ids) {
    const cached = roleCache.get(id);
    if (cached && Date.now() - cached.at < 60_000) {
      names.add(cached.name);
      continue;
    }
    const role = await roles.readOne(id, { fields: ['name'] }).catch(() => null);
    if (role?.name) {
      roleCache.set(id, { name: role.name as RoleName, at: Date.now() });
      names.add(role.name as RoleName);
    }
  }
  return names;
}

export async function createCtx(endpoint: EndpointContext, req: Request): Promise<Ctx> {
  const accountability = req.accountability;
  if (!accountability?.user) throw new AulaError('unauthorized', 'Sign in to use the course API.');
  const schema = await endpoint.getSchema();
  const caller = { ...accountability, user: accountability.user };
  return buildCtx(endpoint, schema, caller, await roleNames(endpoint, schema, caller), req.headers);
}

/**
 * A context for work that no request carries (the chat channels' jobs): acting for `user`, a student
 * the course API has already identified (a linked chat contact), with the roles they hold.
 */
export async function createServiceCtx(
  endpoint: EndpointContext,
  user: string,
  headers: Record<string, string> = {},
): Promise<Ctx> {
  const schema = await endpoint.getSchema();
  const users = new endpoint.services.ItemsService('directus_users', { schema, accountability: null });
  const row = (await users.readOne(user, { fields: ['id', 'role'] })) as { role?: string | null };
  const accountability = { user, role: row.role ?? null, roles: row.role ? [row.role] : [], admin: false };
  return buildCtx(endpoint, schema, accountability, await roleNames(endpoint, schema, accountability), headers);
}

/** The course API's own Redis connection (fail-fast), shared by every use case; also for jobs without a caller. */
export async function sharedRedis(endpoint: EndpointContext): Promise<Redis> {
  redis ??= new Redis(
    String(endpoint.env.REDIS ?? 'redis://127.0.0.1:6379'),
    failFastRedisOptions(REDIS_FAIL_FAST_MS),
  ).on('error', () => {});
  await whenReady(redis, REDIS_FAIL_FAST_MS);
  return redis;
}

function buildCtx(
  endpoint: EndpointContext,
  schema: unknown,
  accountability: NonNullable<Accountability> & { user: string },
  roles: Set<RoleName>,
  headers: Request['headers'] | undefined,
): Ctx {
  const { ItemsService } = endpoint.services;
  return {
    user: accountability.user,
    roles,
    items: (collection) => new ItemsService(collection, { schema, accountability: null }),
    itemsAsCaller: (collection) => new ItemsService(collection, { schema, accountability }),
    queue: () => {
      queue ??= createGenerationQueue({
        redisUrl: String(endpoint.env.REDIS ?? 'redis://127.0.0.1:6379'),
        prefix: String(endpoint.env.AULA_REDIS_PREFIX ?? 'aula:'),
        failFastMs: REDIS_FAIL_FAST_MS,
      });
      return queue;
    },
    llm: () => llmFrom(endpoint.env),
    llmConfig: () => configFrom(endpoint.env),
    redis: () => sharedRedis(endpoint),
    redisPrefix: String(endpoint.env.AULA_REDIS_PREFIX ?? 'aula:'),
    env: endpoint.env,
    headers: headers ?? {},
    sql: async <R>(text: string, bindings: readonly unknown[]) => (await endpoint.database.raw<R>(text, bindings)).rows,
    transaction: (fn) =>
      endpoint.database.transaction((knex) =>
        fn((collection) => new ItemsService(collection, { schema, accountability: null, knex }), knex),
      ),
    db: endpoint.database,
    logger: endpoint.logger,
  };
}

/** Throws `forbidden` unless the caller holds one of `allowed`. Administrators always pass. */
export function requireRole(ctx: Ctx, allowed: RoleName[]): void {
  if (ctx.roles.has(ROLE_NAMES.administrator)) return;
  if (!allowed.some((r) => ctx.roles.has(r))) {
    throw new AulaError('forbidden', `This needs one of these roles: ${allowed.join(', ')}.`);
  }
}
