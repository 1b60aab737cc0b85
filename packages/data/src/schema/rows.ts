/**
 * Row types derived from `schema.ts`: what Directus answers for a collection's items. Nothing here is
 * written by hand; change a field in the schema and every row type follows.
 */
import type { Collection, Field } from './fields.ts';
import type { schema } from './schema.ts';

type Schema = (typeof schema)[number];
type Info<F extends Field> = NonNullable<F['~row']>;
type FieldsOf<C extends CollectionName> = Extract<Schema, { collection: C }>['fields'][number];
type RowOf<C extends Collection> = { [F in C['fields'][number] as F['field']]: Info<F>['value'] };

/** Every collection of the course domain. */
export type CollectionName = Schema['collection'];
/** Every collection's row, by name. */
export type Rows = { [C in Schema as C['collection']]: RowOf<C> };
/** One item of `C` as Directus stores it: relations hold the related row's key (`string`, `string[]`). */
export type Row<C extends CollectionName> = Rows[C];
/** The names of `C`'s fields. */
export type FieldName<C extends CollectionName> = keyof Row<C> & string;

/** `C`'s relation fields, each with the collection it points to. */
export type Relations<C extends CollectionName> = {
  [F in FieldsOf<C> as [Info<F>['related']] extends [never] ? never : F['field']]: Info<F>['related'];
};

type RelatedName<C extends CollectionName, K> = Info<Extract<FieldsOf<C>, { field: K }>>['related'];

/** A related row as a read expands it: ours are derived; Directus's own (users, files) are only known by key. */
type Related<R> = R extends CollectionName ? Row<R> : { id: string } & Record<string, unknown>;

/**
 * A row of `C` read with the relations `E` expanded one level (`fields: ['course.title']`):
 * an m2o holds the related row (or `null`), an o2m the related rows.
 */
export type Expanded<C extends CollectionName, E extends keyof Relations<C> = never> = Omit<Row<C>, E> & {
  [K in E]: K extends keyof Row<C>
    ? Row<C>[K] extends string[]
      ? Related<RelatedName<C, K>>[]
      : Related<RelatedName<C, K>> | Extract<Row<C>[K], null>
    : never;
};

/** What a write may send: any of the fields (a key for a relation). */
export type Write<C extends CollectionName> = Partial<Row<C>>;
