import { type Api, DirectusError } from '@aula/directus-client';
import type pg from 'pg';
import { indexes, schema } from './schema.ts';

type Named = { collection: string; field?: string };

/**
 * Creates one schema item. Under load Directus sometimes answers a schema request from its previous
 * schema: "Collection … doesn't exist", or an error for an item it did store (a retry then says
 * "already exists" / "already has an associated relationship"). So a 400 is retried, and the item
 * counts as created as soon as its row is in Directus's system table (read straight from PostgreSQL,
 * not through Directus's schema cache).
 */
async function create(api: Api, path: string, body: unknown, stored: () => Promise<boolean>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.request('POST', path, body);
      return;
    } catch (error) {
      if (!(error instanceof DirectusError) || error.status !== 400 || attempt === 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
      if (await stored()) return;
    }
  }
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
  const relations = new Set((await api.request<Named[]>('GET', '/relations')).map((r) => `${r.collection}.${r.field}`));

  for (const c of schema) {
    if (!collections.has(c.collection)) {
      await create(api, '/collections', { collection: c.collection, meta: c.meta, schema: {}, fields: c.fields }, () =>
        exists(db, 'SELECT 1 FROM directus_collections WHERE collection = $1', [c.collection]),
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
      await create(api, `/fields/${c.collection}`, f, () =>
        exists(db, 'SELECT 1 FROM directus_fields WHERE collection = $1 AND field = $2', [c.collection, f.field]),
      );
      changes.push(`field ${c.collection}.${f.field}`);
    }
  }
  for (const r of schema.flatMap((c) => c.relations)) {
    if (relations.has(`${r.collection}.${r.field}`)) continue;
    await create(api, '/relations', r, () =>
      exists(db, 'SELECT 1 FROM directus_relations WHERE many_collection = $1 AND many_field = $2', [
        r.collection,
        r.field,
      ]),
    );
    changes.push(`relation ${r.collection}.${r.field} → ${r.related_collection}`);
  }
  for (const statement of indexes) await db.query(statement);
  return changes;
}
