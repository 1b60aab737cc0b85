/**
 * Directus's `ItemsService` as the course API (a Directus extension) uses it, typed by the schema's
 * rows. Types only: the extension imports this with `import type`, so nothing of `@aula/data` runs
 * inside Directus.
 */
import type { Query } from './items.ts';
import type { CollectionName, Expanded, FieldName, Relations, Row, Write } from './schema/rows.ts';

export type { Query } from './items.ts';
export type { CollectionName, Expanded, Relations, Row, Rows, Write } from './schema/rows.ts';

/** A row of one of Directus's own collections (roles, users): only its key is known here. */
export type SystemRow = { id: string } & Record<string, unknown>;

type Read<C extends string, E> = C extends CollectionName ? Expanded<C, E & keyof Relations<C>> : SystemRow;
/** A read that names plain fields answers just those; any other, the row (with `E` expanded). */
type Reader<C extends string, Many extends boolean> = {
  <const Q extends Query & { fields: readonly FieldName<C & CollectionName>[] }>(
    ...args: Many extends true ? [query: Q] : [key: string, query: Q]
  ): Promise<Many extends true ? Picked<C, Q>[] : Picked<C, Q>>;
  <E extends Expandable<C> = never>(
    ...args: Many extends true ? [query: Query] : [key: string, query?: Query]
  ): Promise<Many extends true ? Read<C, NoInfer<E>>[] : Read<C, NoInfer<E>>>;
};
type Picked<C extends string, Q extends { fields: readonly string[] }> = C extends CollectionName
  ? Pick<Row<C>, Q['fields'][number] & keyof Row<C>>
  : SystemRow;
type Expandable<C extends string> = C extends CollectionName ? keyof Relations<C> : never;
type WriteOf<C extends string> = C extends CollectionName ? Write<C> : Record<string, unknown>;

/**
 * One collection's items. Reads answer the row (relations as keys, or expanded for those named in
 * `E`: `readOne<'course'>(id, { fields: ['course.title'] })`), and hold only the fields asked for.
 */
export type ItemsService<C extends string> = {
  readOne: Reader<C, false>;
  readByQuery: Reader<C, true>;
  createOne: (data: WriteOf<C>) => Promise<string>;
  createMany: (data: WriteOf<C>[]) => Promise<string[]>;
  updateOne: (key: string, data: WriteOf<C>) => Promise<string>;
  updateByQuery: (query: Query, data: WriteOf<C>) => Promise<string[]>;
  deleteOne: (key: string) => Promise<string>;
  deleteMany: (keys: string[]) => Promise<string[]>;
};

/** The collections a use case reaches through `ItemsService`: the schema's and the Directus ones it reads. */
export type ServiceCollection = CollectionName | 'directus_roles' | 'directus_users';

/** `items('lessons')`: the typed service for a collection. */
export type ItemsOf = <C extends ServiceCollection>(collection: C) => ItemsService<C>;
