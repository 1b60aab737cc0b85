/**
 * Catalogue search as people type Spanish: accents ignored ("programacion" finds "programación")
 * through PostgreSQL's `unaccent`, typos forgiven ("pyton" finds "python") through `pg_trgm`'s word
 * similarity, both over one indexed text per course. Both extensions ship with PostgreSQL (the
 * machine's 15 and the embedded 15/17 `npm start` runs) and are trusted, so the database owner may
 * create them. Where they are missing the set-up says so and the search falls back to a plain
 * case- and accent-insensitive substring match (SEARCH_FALLBACK_SQL), without typo tolerance.
 */

/** Extensions, the searchable text of a course (immutable, so it can be indexed) and its trigram index. */
export const COURSE_SEARCH_SETUP: string[] = [
  // In `public`, and named with it below: pg_restore runs the index's expression with an empty
  // search_path, where an unqualified unaccent() or 'unaccent' dictionary is not found (a restored
  // backup failed on exactly that).
  'CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public',
  'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public',
  // unaccent() is only STABLE (its dictionary could change): an index needs an IMMUTABLE function,
  // so this one names the dictionary itself.
  `CREATE OR REPLACE FUNCTION aula_search_text(title text, summary text, audience text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary,
       coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(audience, ''))) $$`,
  `CREATE OR REPLACE FUNCTION aula_search_term(term text) RETURNS text
     LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
     AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, term)) $$`,
  'CREATE INDEX IF NOT EXISTS courses_search_trgm ON courses USING gin (aula_search_text(title, summary, audience) gin_trgm_ops)',
];

/** The minimum word similarity (pg_trgm's default `pg_trgm.word_similarity_threshold`): "pyton" ~ "python" is 0.67. */
export const WORD_SIMILARITY = 0.6;

/** Whether the search set-up is in this database (both functions exist). */
export const SEARCH_READY_SQL =
  "SELECT count(*)::int AS n FROM pg_proc WHERE proname IN ('aula_search_text', 'aula_search_term')";

/**
 * The words of a query worth matching, lower case, at most 8: short words of letters only (de, la, y,
 * which match anything) are left out unless there is nothing else; `c#` or `3d` stay.
 */
export function searchWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
  const long = words.filter((word) => word.length >= 3 || !/^\p{L}+$/u.test(word));
  return (long.length > 0 ? long : words).slice(0, 8);
}

/** A LIKE pattern that finds `word` anywhere (its %, _ and \ taken literally). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const ACCENTED = 'ÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜÑÇáàâäéèêëíìîïóòôöúùûüñç';
const PLAIN = 'AAAAEEEEIIIIOOOOUUUUNCaaaaeeeeiiiioooouuuunc';

/** Without the extensions: the same text, accents dropped by translate(), for a plain LIKE. */
export const SEARCH_FALLBACK_SQL = `lower(translate(coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(audience, ''), '${ACCENTED}', '${PLAIN}'))`;

/** A query word as the fallback compares it. */
export function plainWord(word: string): string {
  let out = '';
  for (const char of word) {
    const at = ACCENTED.indexOf(char);
    out += at >= 0 ? PLAIN[at] : char;
  }
  return out.toLowerCase();
}
