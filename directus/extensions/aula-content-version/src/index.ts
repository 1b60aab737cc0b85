import { bumpContentVersion, CONTENT_COLLECTIONS } from '@aula/data/content-version';
import { Redis } from 'ioredis';

/** The slice of Directus's hook API used here (Directus ships no types for it in this workspace). */
type HookApi = { action: (event: string, fn: (meta: { collection?: string }) => unknown) => void };
type HookContext = { env: Record<string, unknown>; logger: { error: (...a: unknown[]) => void } };

/**
 * A write inside a transaction of the course API (accepting a regeneration, say) reports its action
 * before that transaction commits: the version moves on once more this long after, so a web process
 * that read the new version a moment too early and kept the old content keeps it under a version
 * that is already gone.
 */
export const SECOND_BUMP_MS = 2_000;

/**
 * Moves the content version on (`@aula/data/content-version`) after every create, update or delete
 * in a collection students read, whoever made it: the course API (publish, archive, regenerate), the
 * studio and the Data Studio (edits), the workers (generation). The web keys everything it keeps of
 * published content by that version (decision 016).
 */
export default ({ action }: HookApi, { env, logger }: HookContext) => {
  const prefix = String(env.AULA_REDIS_PREFIX ?? 'aula:');
  let redis: Redis | undefined;
  const bump = () => {
    redis ??= new Redis(String(env.REDIS ?? 'redis://127.0.0.1:6379'), { maxRetriesPerRequest: 2 }).on(
      'error',
      () => {},
    );
    bumpContentVersion(redis, prefix).catch((error: unknown) =>
      // The web's caches then serve a change late, by their TTL at most (30 s).
      logger.error(error, 'aula-content-version: the content version could not be moved on'),
    );
  };
  for (const event of ['items.create', 'items.update', 'items.delete']) {
    action(event, ({ collection }) => {
      if (!collection || !CONTENT_COLLECTIONS.has(collection)) return;
      bump();
      setTimeout(bump, SECOND_BUMP_MS).unref();
    });
  }
};
