import 'server-only';
import { createHash } from 'node:crypto';
import { TtlCache } from './ttl-cache.ts';

// What the lesson pages read from Directus, kept for a short while in this process, so that a
// student going through a course costs Directus almost nothing per page:
// - published content (a lesson's text, its quiz without the answer key, whether a course or lesson
//   is published), the same for every student allowed to read it: whether this student may is
//   decided by their enrolment, read per student below. Keyed by the content version
//   (content-version.ts, decision 016) when Redis is there, so a publish, archive or edit shows on
//   the next request; without Redis, within the TTL;
// - a student's own answers (enrolment and progress, quiz attempts), per access token: only the
//   holder of that token is ever served them. The site's own actions (enrol, mark as read, submit a
//   quiz, sign out) forget them at once; changes made elsewhere show within the TTL.
// Each process has its own: with several web instances behind a balancer, progress written through
// one shows on another within the TTL too.

export const READ_CACHE_TTL_MS = 30_000;

const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url');

type Caches = {
  students: TtlCache<string, TtlCache<string, Promise<unknown>>>;
  content: TtlCache<string, Promise<unknown>>;
};

// Next bundles each route (and its actions) with a module registry of its own: a plain module-level
// cache would exist once per route, and "forget" in an action would miss what a page kept. One
// instance per process, on globalThis, is shared by all of them.
const KEY = Symbol.for('aula.web.read-cache');
const global = globalThis as typeof globalThis & { [KEY]?: Caches };
global[KEY] ??= {
  students: new TtlCache({ max: 20_000, ttlMs: READ_CACHE_TTL_MS }),
  content: new TtlCache({ max: 5_000, ttlMs: READ_CACHE_TTL_MS }),
};
const { students, content } = global[KEY];

/** The student's own `key` (say `progress:<course id>`), loaded with their token on a miss. */
export function studentRead<T>(token: string, key: string, load: () => Promise<T>): Promise<T> {
  const hash = tokenKey(token);
  let own = students.get(hash);
  if (!own) {
    own = new TtlCache({ max: 100, ttlMs: READ_CACHE_TTL_MS });
    students.set(hash, own);
  }
  return own.remember(key, load) as Promise<T>;
}

/** Forgets everything kept for this token: its student has just changed something. */
export function forgetStudent(token: string): void {
  students.delete(tokenKey(token));
}

/**
 * Published content under `key`, loaded on a miss by whoever asks first (with their token). A load
 * that fails is not shared: each caller then tries with their own token, so one student's expired
 * session never shows up on another student's page.
 */
export function contentRead<T>(key: string, load: () => Promise<T>): Promise<T> {
  const shared = content.remember(key, load) as Promise<T>;
  return shared.catch(() => load());
}

/** Forgets all content kept here: a content manager has just changed a lesson or a quiz. */
export function forgetContent(): void {
  content.clear();
}
