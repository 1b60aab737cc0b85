/**
 * The content version: one counter in Redis that moves on whenever anything a student reads of a
 * course changes (a course published, archived or edited; a module, lesson, quiz, question or
 * reference written or deleted). Directus moves it (the `aula-content-version` hook, after each
 * write); the web reads it before it trusts anything it kept, and keys what it keeps by it, so a
 * change shows on the very next request of every web process (decision 016).
 *
 * The counter starts from the clock (microseconds) when it does not exist, so a Redis that lost it
 * never hands back a value an earlier life of the counter already used.
 */
export const CONTENT_VERSION_KEY = 'content-version';

/** The collections whose writes change what students read. */
export const CONTENT_COLLECTIONS: ReadonlySet<string> = new Set([
  'courses',
  'modules',
  'lessons',
  'quizzes',
  'questions',
  'lesson_references',
]);

/** The slice of ioredis used here. */
export type VersionStore = {
  get: (key: string) => Promise<string | null>;
  set: (key: string, value: string, nx: 'NX') => Promise<unknown>;
  multi: () => {
    set: (key: string, value: string, nx: 'NX') => { incr: (key: string) => { exec: () => Promise<unknown> } };
  };
};

const start = () => String(Date.now() * 1000);

/**
 * Moves the version on (Directus, after a write to one of CONTENT_COLLECTIONS). One MULTI, written to
 * Redis's socket before this returns: Directus calls it before it answers the write, so a request that
 * follows that answer reads the new version.
 */
export async function bumpContentVersion(redis: VersionStore, prefix: string): Promise<void> {
  const key = `${prefix}${CONTENT_VERSION_KEY}`;
  await redis.multi().set(key, start(), 'NX').incr(key).exec();
}

/** The current version (the web, before it trusts what it kept). */
export async function readContentVersion(redis: VersionStore, prefix: string): Promise<string> {
  const key = `${prefix}${CONTENT_VERSION_KEY}`;
  const version = await redis.get(key);
  if (version !== null) return version;
  await redis.set(key, start(), 'NX');
  const set = await redis.get(key);
  if (set === null) throw new Error('the content version vanished as it was written');
  return set;
}
