import type { CollectionName, Row } from '@aula/data';
import type { z } from 'zod';

/**
 * A zod shape for some columns of a collection's row, as the site parses Directus's answers with it.
 * Each column's schema must produce the row type `@aula/data` derives from the schema as code, so a
 * column renamed or retyped there breaks the site's build instead of its pages:
 * `rowShape<'courses'>()({ title: z.string(), summary: z.string().nullable() })`.
 */
export function rowShape<C extends CollectionName>() {
  return <S extends { [K in keyof S]: K extends keyof Row<C> ? z.ZodType<Row<C>[K]> : never }>(shape: S): S => shape;
}
