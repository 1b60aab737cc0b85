import type { Api } from './api.ts';
import type { CollectionName, Expanded, FieldName, Relations, Row, Write } from './schema/rows.ts';

export type Query = {
  fields?: readonly string[];
  filter?: Record<string, unknown>;
  sort?: readonly string[];
  limit?: number;
  deep?: Record<string, unknown>;
};

/** `?fields=…&filter=…` as Directus reads it (JSON for filter and deep). */
export function qs(query: Query): string {
  const params = new URLSearchParams();
  if (query.fields) params.set('fields', query.fields.join(','));
  if (query.filter) params.set('filter', JSON.stringify(query.filter));
  if (query.sort) params.set('sort', query.sort.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.deep) params.set('deep', JSON.stringify(query.deep));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A read that names plain fields answers just those (`fields: ['id', 'title']` → `Pick<Row<C>, 'id' | 'title'>`). */
type Picked<C extends CollectionName> = Query & { fields: readonly FieldName<C>[] };

/** Reads of `C`'s items: typed by the fields asked for, or by the whole row with the relations `E` expanded. */
type Read<C extends CollectionName, Many extends boolean> = {
  <const Q extends Picked<C>>(
    ...args: Many extends true ? [query: Q] : [id: string, query: Q]
  ): Promise<Many extends true ? Pick<Row<C>, Q['fields'][number]>[] : Pick<Row<C>, Q['fields'][number]>>;
  <E extends keyof Relations<C> = never>(
    ...args: Many extends true ? [query?: Query] : [id: string, query?: Query]
  ): Promise<Many extends true ? Expanded<C, NoInfer<E>>[] : Expanded<C, NoInfer<E>>>;
};

/**
 * A collection's items over `api`, typed by the schema: a read that names plain fields answers
 * those fields; any other read answers `Row<C>` (with the relations named in `E` expanded:
 * `get<'course'>(id, { fields: ['title', 'course.title'] })`) and holds only what it asked for.
 * Writes take any of the collection's fields.
 */
export function items<C extends CollectionName>(api: Api, collection: C) {
  const base = `/items/${collection}`;
  const list = ((query: Query = {}) => api.request('GET', `${base}${qs({ limit: -1, ...query })}`)) as Read<C, true>;
  const get = ((id: string, query: Query = {}) => api.request('GET', `${base}/${id}${qs(query)}`)) as Read<C, false>;
  return {
    list,
    get,
    create: (data: Write<C>) => api.request<Row<C>>('POST', base, data),
    createMany: (data: Write<C>[]) => api.request<Row<C>[]>('POST', base, data),
    update: (id: string, data: Write<C>) => api.request<Row<C>>('PATCH', `${base}/${id}`, data),
    updateMany: (filter: Record<string, unknown>, data: Write<C>) =>
      api.request<Row<C>[]>('PATCH', base, { query: { filter, limit: -1 }, data }),
    remove: (id: string) => api.request<void>('DELETE', `${base}/${id}`),
    removeWhere: (filter: Record<string, unknown>) =>
      api.request<void>('DELETE', base, { query: { filter, limit: -1 } }),
  };
}
