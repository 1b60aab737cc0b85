/**
 * Directus's `ItemsService` as the course API (a Directus extension) uses it, typed by the schema's
 * rows. Types only: the extension imports this with `import type`, so nothing of `@aula/data` runs
 * inside Directus.
 */
import type { Query } from './items.ts';
import type { CollectionName, Expanded, Relations, Write } from './schema/rows.ts';

export type { Query } from './items.ts';
export type { CollectionName, Expanded, Relations, Row, Rows, Write } from './schema/rows.ts';

/** A row of one of Directus's own collections (roles, users): only its key is known here. */
export type SystemRow = { id: string } & Record<string, unknown>;

type Read<C extends string, E> = C extends CollectionName ? Expanded<C, E & keyof Relations<C>> : SystemRow;
type Expandable<C extends string> = C extends CollectionName ? keyof Relations<C> : never;
type WriteOf<C extends string> = C extends CollectionName ? Write<C> : Record<string, unknown>;

/**
 * One collection's items. Reads answer the row (relations as keys, or expanded for those named in
 * `E`: `readOne<'course'>(id, { fields: ['course.title'] })`), and hold only the fields asked for.
 */
export type ItemsService<C extends string> = {
  readOne: <E extends Expandable<C> = never>(key: string, query?: Query) => Promise<Read<C, NoInfer<E>>>;
  readByQuery: <E extends Expandable<C> = never>(query: Query) => Promise<Read<C, NoInfer<E>>[]>;
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
