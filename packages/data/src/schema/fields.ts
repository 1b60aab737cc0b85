/**
 * Builders for Directus field and relation payloads, so `schema.ts` reads as a list of the domain's fields.
 * Each builder also carries, in its type only, the field's name and the value a row holds in it, so the
 * row types (`Row<'lessons'>`, see `rows.ts`) are derived from the schema instead of written again.
 */

/**
 * A field's payload for Directus. `~row` exists only in the type (never set): the value a row holds
 * and, for a relation, the collection it points to.
 */
export type Field<N extends string = string, V = unknown, R extends string = string, M extends boolean = boolean> = {
  field: N;
  type: string;
  meta: Record<string, unknown>;
  schema: Record<string, unknown> | null;
  readonly '~row'?: { value: V; related: R; many: M };
};
export type Relation = {
  collection: string;
  field: string;
  related_collection: string;
  meta: Record<string, unknown>;
  schema: { on_delete: 'CASCADE' | 'SET NULL' | 'NO ACTION' };
};
export type Collection<N extends string = string, F extends Field = Field> = {
  collection: N;
  meta: Record<string, unknown>;
  fields: F[];
  relations: Relation[];
};

type Options = { required?: boolean; unique?: boolean; indexed?: boolean; note?: string; hidden?: boolean };
/** A required field is never empty; any other may be (`null`). */
type Nullable<V, O> = O extends { required: true } ? V : V | null;
type Typed<N extends string, V, O> = Field<N, Nullable<V, O>, never, false>;

function base(
  field: string,
  type: string,
  o: Options,
  meta: Record<string, unknown>,
  schema: Record<string, unknown> = {},
): Field {
  return {
    field,
    type,
    meta: { required: o.required ?? false, hidden: o.hidden ?? false, note: o.note ?? null, ...meta },
    schema: {
      is_nullable: !o.required,
      is_unique: o.unique ?? false,
      is_indexed: o.indexed ?? false,
      ...schema,
    },
  };
}

export const id = (): Field<'id', string, never, false> => ({
  field: 'id',
  type: 'uuid',
  meta: { hidden: true, readonly: true, interface: 'input', special: ['uuid'] },
  schema: { is_primary_key: true, length: 36, has_auto_increment: false },
});

export const string = <const N extends string, const O extends Options & { max?: number; default?: string } = Options>(
  field: N,
  o: O = {} as O,
) =>
  base(
    field,
    'string',
    o,
    { interface: 'input' },
    { max_length: o.max ?? 255, default_value: o.default ?? null },
  ) as Typed<N, string, O>;

export const text = <const N extends string, const O extends Options & { markdown?: boolean } = Options>(
  field: N,
  o: O = {} as O,
) =>
  base(field, 'text', o, { interface: o.markdown ? 'input-rich-text-md' : 'input-multiline' }) as Typed<N, string, O>;

export const integer = <
  const N extends string,
  const O extends Options & { default?: number; min?: number; max?: number } = Options,
>(
  field: N,
  o: O = {} as O,
) =>
  base(
    field,
    'integer',
    o,
    { interface: 'input', options: { min: o.min ?? null, max: o.max ?? null } },
    { default_value: o.default ?? null },
  ) as Typed<N, number, O>;

export const float = <const N extends string, const O extends Options & { default?: number } = Options>(
  field: N,
  o: O = {} as O,
) => base(field, 'float', o, { interface: 'input' }, { default_value: o.default ?? null }) as Typed<N, number, O>;

export const boolean = <const N extends string, const O extends Options & { default?: boolean } = Options>(
  field: N,
  o: O = {} as O,
) =>
  base(
    field,
    'boolean',
    o,
    { interface: 'boolean', special: ['cast-boolean'] },
    { default_value: o.default ?? false },
  ) as Typed<N, boolean, O>;

/**
 * A value stored as JSON. Tags are a list of strings; any other JSON is `unknown` unless `shape` names
 * its type (`shape: shape<string[]>()`): the option exists only for the type and is never sent.
 */
export const json = <const N extends string, const O extends Options & { tags?: boolean; shape?: unknown } = Options>(
  field: N,
  o: O = {} as O,
) =>
  base(field, 'json', o, { interface: o.tags ? 'tags' : 'input-code', special: ['cast-json'] }) as Typed<
    N,
    O extends { tags: true } ? string[] : O extends { shape: infer S } ? S : unknown,
    O
  >;

/** Names the type of a `json` field's value (see `json`); nothing at run time. */
export const shape = <S>() => undefined as S;

/** A moment, as Directus answers it (an ISO 8601 string). */
export const timestamp = <const N extends string, const O extends Options = Options>(field: N, o: O = {} as O) =>
  base(field, 'timestamp', o, { interface: 'datetime' }) as Typed<N, string, O>;

/** `field` with a rule Directus checks on every create and update (a filter), and the message it answers. */
export const validated = <F extends Field>(field: F, rule: Record<string, unknown>, message: string): F => ({
  ...field,
  meta: { ...field.meta, validation: { _and: [rule] }, validation_message: message },
});

/** A string restricted to `values`, enforced by Directus's field validation on every create and update. */
export const choice = <
  const N extends string,
  const V extends readonly string[],
  const O extends Options & { default?: V[number] } = Options,
>(
  field: N,
  values: V,
  o: O = {} as O,
) =>
  base(
    field,
    'string',
    o,
    {
      interface: 'select-dropdown',
      options: { choices: values.map((value) => ({ text: value, value })) },
      validation: { _and: [{ [field]: { _in: values } }] },
      validation_message: `${field} must be one of: ${values.join(', ')}`,
    },
    { max_length: 32, default_value: o.default ?? null },
  ) as Typed<N, V[number], O>;

/** Set by Directus when the row is created: always there. */
export const dateCreated = () =>
  base(
    'date_created',
    'timestamp',
    { hidden: true },
    { special: ['date-created'], interface: 'datetime', readonly: true },
  ) as Field<'date_created', string, never, false>;
/** Set by Directus on every update: empty until the first. */
export const dateUpdated = () =>
  base(
    'date_updated',
    'timestamp',
    { hidden: true },
    { special: ['date-updated'], interface: 'datetime', readonly: true },
  ) as Field<'date_updated', string | null, never, false>;

type M2oOptions = Options & {
  onDelete?: Relation['schema']['on_delete'];
  oneField?: string;
  sortField?: string;
  special?: string[];
};

/**
 * A many-to-one field and its relation; `oneField` names the alias on the related side, if any.
 * A row holds the related row's key (or the related row itself, when a read expands it).
 */
export function m2o<const N extends string, const R extends string, const O extends M2oOptions = M2oOptions>(
  collection: string,
  field: N,
  related: R,
  o: O = {} as O,
): { field: Field<N, Nullable<string, O>, R, false>; relation: Relation } {
  return {
    field: base(field, 'uuid', o, {
      interface: 'select-dropdown-m2o',
      special: o.special ?? ['m2o'],
      ...(o.special ? { readonly: true } : {}),
    }) as Field<N, Nullable<string, O>, R, false>,
    relation: {
      collection,
      field,
      related_collection: related,
      meta: { one_field: o.oneField ?? null, sort_field: o.sortField ?? null, one_deselect_action: 'nullify' },
      schema: { on_delete: o.onDelete ?? (o.required ? 'CASCADE' : 'SET NULL') },
    },
  };
}

/**
 * The alias field on the "one" side of an m2o (the relation itself is declared by the m2o in
 * `related`, which is named here for the row types only). A row holds the related rows' keys.
 */
export const o2m = <const N extends string, const R extends string>(field: N, _related: R) =>
  ({
    field,
    type: 'alias',
    meta: { interface: 'list-o2m', special: ['o2m'] },
    schema: null,
  }) as Field<N, string[], R, true>;

type Part = Field | { field: Field; relation: Relation };
type FieldOf<P> = P extends { relation: Relation; field: infer F extends Field } ? F : P extends Field ? P : never;

/** Assembles a collection from plain fields and m2o pairs. */
export function collection<const N extends string, const P extends readonly Part[]>(
  name: N,
  meta: Record<string, unknown>,
  parts: P,
): Collection<N, Field<'id', string, never, false> | FieldOf<P[number]>> {
  const fields: Field[] = [id()];
  const relations: Relation[] = [];
  for (const part of parts) {
    if ('relation' in part) {
      fields.push(part.field);
      relations.push(part.relation);
    } else fields.push(part);
  }
  return { collection: name, meta: { accountability: 'all', ...meta }, fields, relations } as unknown as Collection<
    N,
    Field<'id', string, never, false> | FieldOf<P[number]>
  >;
}
