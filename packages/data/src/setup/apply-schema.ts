import type pg from 'pg';
import { type Api, DirectusError } from '../api.ts';
import { COURSE_SEARCH_SETUP, SEARCH_READY_SQL } from '../schema/course-search.ts';
import { indexes, schema, systemFields } from '../schema/schema.ts';

type Named = { collection: string; field?: string };

/**
 * Creates one schema item. Directus has answered schema requests from a schema that was not the
 * database's ("Collection … doesn't exist", "already has an associated relationship", "column … does
 * not exist"): the cause was two Directus instances sharing Redis namespaces, so that one took the
 * other's schema announcements (fixed in server.ts: every namespace is prefixed). As a guard, a 400
 * here is retried after a `touch` (a no-op change that makes Directus read its schema again), and the
 * item counts as created as soon as its row is in Directus's system table (read from PostgreSQL).
 */
async function create(
  api: Api,
  path: string,
  body: unknown,
  { stored, touch }: { stored: () => Promise<boolean>; touch: () => Promise<unknown> },
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.request('POST', path, body);
      return;
    } catch (error) {
      if (!(error instanceof DirectusError) || error.status !== 400 || attempt === 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
      await touch();
      if (await stored()) return;
    }
  }
}

/**
 * A change that changes nothing (a collection's note set to what it is), made only for its side
 * effect: Directus drops the schema it holds in memory and reads it again from the database.
 */
async function touch(api: Api, db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ collection: string; note: string | null }>(
    'SELECT collection, note FROM directus_collections WHERE collection = ANY($1) ORDER BY collection LIMIT 1',
    [schema.map((c) => c.collection)],
  );
  const [row] = rows;
  if (row) await api.request('PATCH', `/collections/${row.collection}`, { meta: { note: row.note } });
}

const exists = async (db: pg.Client, sql: string, params: string[]) =>
  ((await db.query(sql, params)).rowCount ?? 0) > 0;

/**
 * Makes the database hold every collection, field and relation of `schema.ts`; creates only what is
 * missing, so a fresh database and an up-to-date one end in the same schema. Returns what it changed.
 */
export async function applySchema(api: Api, db: pg.Client): Promise<string[]> {
  const changes: string[] = [];
  const existing = await api.request<(Named & { meta: Record<string, unknown> | null })[]>('GET', '/collections');
  const collections = new Set(existing.map((c) => c.collection));
  const metaOf = new Map(existing.map((c) => [c.collection, c.meta ?? {}]));
  const fields = new Set((await api.request<Named[]>('GET', '/fields')).map((f) => `${f.collection}.${f.field}`));
  const relationRows = await api.request<(Named & { meta: { one_field?: string | null } | null })[]>(
    'GET',
    '/relations',
  );
  const relations = new Set(relationRows.map((r) => `${r.collection}.${r.field}`));
  const oneFieldOf = new Map(relationRows.map((r) => [`${r.collection}.${r.field}`, r.meta?.one_field ?? null]));

  for (const c of schema) {
    if (!collections.has(c.collection)) {
      const stored = () => exists(db, 'SELECT 1 FROM directus_collections WHERE collection = $1', [c.collection]);
      await create(
        api,
        '/collections',
        { collection: c.collection, meta: c.meta, schema: {}, fields: c.fields },
        // The collection itself may not be there to touch yet: the first one of the schema is (after a first try).
        { stored, touch: () => touch(api, db) },
      );
      changes.push(`collection ${c.collection}`);
      continue;
    }
    const meta = metaOf.get(c.collection) ?? {};
    const stale = Object.entries(c.meta).filter(([key, value]) => JSON.stringify(meta[key]) !== JSON.stringify(value));
    if (stale.length > 0) {
      await api.request('PATCH', `/collections/${c.collection}`, { meta: Object.fromEntries(stale) });
      changes.push(`collection ${c.collection} settings: ${stale.map(([key]) => key).join(', ')}`);
    }
    for (const f of c.fields) {
      if (fields.has(`${c.collection}.${f.field}`)) continue;
      await create(api, `/fields/${c.collection}`, f, {
        stored: () =>
          exists(db, 'SELECT 1 FROM directus_fields WHERE collection = $1 AND field = $2', [c.collection, f.field]),
        touch: () => touch(api, db),
      });
      changes.push(`field ${c.collection}.${f.field}`);
    }
  }
  for (const { collection, field } of systemFields) {
    if (fields.has(`${collection}.${field.field}`)) continue;
    await create(api, `/fields/${collection}`, field, {
      stored: () =>
        exists(db, 'SELECT 1 FROM directus_fields WHERE collection = $1 AND field = $2', [collection, field.field]),
      touch: () => touch(api, db),
    });
    changes.push(`field ${collection}.${field.field}`);
  }
  for (const r of schema.flatMap((c) => c.relations)) {
    if (relations.has(`${r.collection}.${r.field}`)) {
      // A relation made before its way back was named gets it now.
      const oneField = r.meta.one_field ?? null;
      if (oneField !== null && oneFieldOf.get(`${r.collection}.${r.field}`) !== oneField) {
        await api.request('PATCH', `/relations/${r.collection}/${r.field}`, { meta: { one_field: oneField } });
        changes.push(`relation ${r.collection}.${r.field} ← ${r.related_collection}.${oneField}`);
      }
      continue;
    }
    await create(api, '/relations', r, {
      stored: () =>
        exists(db, 'SELECT 1 FROM directus_relations WHERE many_collection = $1 AND many_field = $2', [
          r.collection,
          r.field,
        ]),
      touch: () => touch(api, db),
    });
    changes.push(`relation ${r.collection}.${r.field} → ${r.related_collection}`);
  }
  for (const statement of indexes) await db.query(statement);
  changes.push(...(await applyCourseSearch(db)));
  await settle(api, db);
  return changes;
}

/**
 * Waits until Directus answers from the schema just written: reads every collection with every field
 * (relations followed one level), which fails while Directus still holds an older schema in memory
 * ("column … does not exist", a field it does not know). Each failure gets a `touch`, which makes
 * Directus read its schema again.
 */
async function settle(api: Api, db: pg.Client): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stale = await firstStaleCollection(api);
    if (stale === null) return;
    if (attempt === 10) throw new Error(`Directus still answers from an outdated schema after set-up: ${stale}`);
    await touch(api, db);
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

async function firstStaleCollection(api: Api): Promise<string | null> {
  for (const c of schema) {
    const fields = c.fields.map((f) => (f.type === 'alias' ? `${f.field}.*` : f.field)).join(',');
    try {
      await api.request('GET', `/items/${c.collection}?${new URLSearchParams({ fields, limit: '1' })}`);
    } catch (error) {
      if (error instanceof DirectusError) return `${c.collection}: ${error.message}`;
      throw error;
    }
  }
  return null;
}

/**
 * The catalogue's accent- and typo-tolerant search (course-search.ts). A PostgreSQL without unaccent
 * or pg_trgm (or a role that may not create them) is not an error: the search falls back to a plain
 * match, and the set-up says so once, in what it reports.
 */
async function applyCourseSearch(db: pg.Client): Promise<string[]> {
  const ready = await db.query<{ n: number }>(SEARCH_READY_SQL);
  try {
    await db.query('BEGIN');
    for (const statement of COURSE_SEARCH_SETUP) await db.query(statement);
    await db.query('COMMIT');
    return ready.rows[0]?.n === 2 ? [] : ['course search: accent- and typo-tolerant (unaccent, pg_trgm)'];
  } catch (error) {
    await db.query('ROLLBACK');
    return [
      `course search: plain matching, without typo tolerance (unaccent/pg_trgm unavailable: ${(error as Error).message})`,
    ];
  }
}
