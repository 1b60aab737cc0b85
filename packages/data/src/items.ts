import type { Api } from './api.ts';
import type { CollectionName, Expanded, Relations, Row, Write } from './schema/rows.ts';

export type Query = {
  fields?: string[];
  filter?: Record<string, unknown>;
  sort?: string[];
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

/**
 * A collection's items over `api`, typed by the schema: reads answer `Row<C>` (with the relations
 * named in `E` expanded: `get<'course'>(id, { fields: ['title', 'course.title'] })`), writes take any
 * of its fields. A read typed as the whole row holds only the fields it asked for: ask for those you use.
 */
export function items<C extends CollectionName>(api: Api, collection: C) {
  const base = `/items/${collection}`;
  return {
    list: <E extends keyof Relations<C> = never>(query: Query = {}) =>
      api.request<Expanded<C, NoInfer<E>>[]>('GET', `${base}${qs({ limit: -1, ...query })}`),
    get: <E extends keyof Relations<C> = never>(id: string, query: Query = {}) =>
      api.request<Expanded<C, NoInfer<E>>>('GET', `${base}/${id}${qs(query)}`),
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
