/** Builders for Directus field and relation payloads, so `schema.ts` reads as a list of the domain's fields. */
export type Field = {
  field: string;
  type: string;
  meta: Record<string, unknown>;
  schema: Record<string, unknown> | null;
};
export type Relation = {
  collection: string;
  field: string;
  related_collection: string;
  meta: Record<string, unknown>;
  schema: { on_delete: 'CASCADE' | 'SET NULL' | 'NO ACTION' };
};
export type Collection = {
  collection: string;
  meta: Record<string, unknown>;
  fields: Field[];
  relations: Relation[];
};

type Options = { required?: boolean; unique?: boolean; indexed?: boolean; note?: string; hidden?: boolean };

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

export const id = (): Field => ({
  field: 'id',
  type: 'uuid',
  meta: { hidden: true, readonly: true, interface: 'input', special: ['uuid'] },
  schema: { is_primary_key: true, length: 36, has_auto_increment: false },
});

export const string = (field: string, o: Options & { max?: number; default?: string } = {}) =>
  base(field, 'string', o, { interface: 'input' }, { max_length: o.max ?? 255, default_value: o.default ?? null });

export const text = (field: string, o: Options & { markdown?: boolean } = {}) =>
  base(field, 'text', o, { interface: o.markdown ? 'input-rich-text-md' : 'input-multiline' });

export const integer = (field: string, o: Options & { default?: number; min?: number; max?: number } = {}) =>
  base(
    field,
    'integer',
    o,
    { interface: 'input', options: { min: o.min ?? null, max: o.max ?? null } },
    { default_value: o.default ?? null },
  );

export const float = (field: string, o: Options & { default?: number } = {}) =>
  base(field, 'float', o, { interface: 'input' }, { default_value: o.default ?? null });

export const boolean = (field: string, o: Options & { default?: boolean } = {}) =>
  base(field, 'boolean', o, { interface: 'boolean', special: ['cast-boolean'] }, { default_value: o.default ?? false });

export const json = (field: string, o: Options & { tags?: boolean } = {}) =>
  base(field, 'json', o, { interface: o.tags ? 'tags' : 'input-code', special: ['cast-json'] });

export const timestamp = (field: string, o: Options = {}) => base(field, 'timestamp', o, { interface: 'datetime' });

/** `field` with a rule Directus checks on every create and update (a filter), and the message it answers. */
export const validated = (field: Field, rule: Record<string, unknown>, message: string): Field => ({
  ...field,
  meta: { ...field.meta, validation: { _and: [rule] }, validation_message: message },
});

/** A string restricted to `values`, enforced by Directus's field validation on every create and update. */
export const choice = (field: string, values: readonly string[], o: Options & { default?: string } = {}) =>
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
  );

export const dateCreated = () =>
  base(
    'date_created',
    'timestamp',
    { hidden: true },
    { special: ['date-created'], interface: 'datetime', readonly: true },
  );
export const dateUpdated = () =>
  base(
    'date_updated',
    'timestamp',
    { hidden: true },
    { special: ['date-updated'], interface: 'datetime', readonly: true },
  );

/** A many-to-one field and its relation; `oneField` names the alias on the related side, if any. */
export function m2o(
  collection: string,
  field: string,
  related: string,
  o: Options & {
    onDelete?: Relation['schema']['on_delete'];
    oneField?: string;
    sortField?: string;
    special?: string[];
  } = {},
): { field: Field; relation: Relation } {
  return {
    field: base(field, 'uuid', o, {
      interface: 'select-dropdown-m2o',
      special: o.special ?? ['m2o'],
      ...(o.special ? { readonly: true } : {}),
    }),
    relation: {
      collection,
      field,
      related_collection: related,
      meta: { one_field: o.oneField ?? null, sort_field: o.sortField ?? null, one_deselect_action: 'nullify' },
      schema: { on_delete: o.onDelete ?? (o.required ? 'CASCADE' : 'SET NULL') },
    },
  };
}

/** The alias field on the "one" side of an m2o (the relation itself is declared by the m2o). */
export const o2m = (field: string): Field => ({
  field,
  type: 'alias',
  meta: { interface: 'list-o2m', special: ['o2m'] },
  schema: null,
});

/** Assembles a collection from plain fields and m2o pairs. */
export function collection(
  name: string,
  meta: Record<string, unknown>,
  parts: (Field | { field: Field; relation: Relation })[],
): Collection {
  const fields: Field[] = [id()];
  const relations: Relation[] = [];
  for (const part of parts) {
    if ('relation' in part) {
      fields.push(part.field);
      relations.push(part.relation);
    } else fields.push(part);
  }
  return { collection: name, meta: { accountability: 'all', ...meta }, fields, relations };
}
