import { containsPattern, plainWord, SEARCH_FALLBACK_SQL, SEARCH_READY_SQL, searchWords } from '@aula/data/search';
import { AulaError } from '@aula/domain';
import type { Database } from '../directus.ts';

/** At most this many courses come back: the catalogue shows one page. */
const LIMIT = 100;

let ready: { at: number; value: boolean } | undefined;
/** Whether the set-up installed the tolerant search; a "no" is asked again after a minute (the set-up may still run). */
async function tolerant(db: Database): Promise<boolean> {
  if (ready && (ready.value || Date.now() - ready.at < 60_000)) return ready.value;
  const { rows } = await db.raw<{ n: number }>(SEARCH_READY_SQL);
  ready = { at: Date.now(), value: rows[0]?.n === 2 };
  return ready.value;
}

/**
 * The published courses whose title, summary or audience match every word of `q` (accents ignored,
 * a typo forgiven), best match first: a word found as typed before one found by similarity, then
 * newer courses first. Ids only: the site reads the courses themselves through Directus, whose public
 * policy is the one guarantee that only published courses are shown. Anyone may search (the catalogue
 * is public); the request limits count it like any other request.
 */
export async function searchCourses({ db, q }: { db: Database; q: unknown }): Promise<{ ids: string[] }> {
  if (typeof q !== 'string' || q.trim() === '' || q.length > 100) {
    throw new AulaError('invalid', 'Give the search words in `q` (1 to 100 characters).');
  }
  const words = searchWords(q);
  if (words.length === 0) return { ids: [] };
  const published = "status = 'published'";
  if (!(await tolerant(db))) {
    const where = words.map(() => `${SEARCH_FALLBACK_SQL} LIKE ?`).join(' AND ');
    const { rows } = await db.raw<{ id: string }>(
      `SELECT id FROM courses WHERE ${published} AND ${where} ORDER BY published_at DESC NULLS LAST, title LIMIT ${LIMIT}`,
      words.map((word) => containsPattern(plainWord(word))),
    );
    return { ids: rows.map((row) => row.id) };
  }
  const doc = 'aula_search_text(title, summary, audience)';
  // Each word: found as typed, or similar enough to a word of the text (`<%`: word similarity of at
  // least pg_trgm.word_similarity_threshold, 0.6 by default, WORD_SIMILARITY); the trigram index serves both.
  const match = `(${doc} LIKE ('%' || replace(replace(replace(aula_search_term(?), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%') OR aula_search_term(?) <% ${doc})`;
  const exact = `(${doc} LIKE ('%' || replace(replace(replace(aula_search_term(?), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))::int`;
  const { rows } = await db.raw<{ id: string }>(
    `SELECT id FROM courses WHERE ${published} AND ${words.map(() => match).join(' AND ')}
     ORDER BY ${words.map(() => exact).join(' + ')} DESC,
              ${words.map(() => `word_similarity(aula_search_term(?), ${doc})`).join(' + ')} DESC,
              published_at DESC NULLS LAST, title
     LIMIT ${LIMIT}`,
    [...words.flatMap((word) => [word, word]), ...words, ...words],
  );
  return { ids: rows.map((row) => row.id) };
}
