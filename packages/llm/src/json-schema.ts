import { z } from 'zod';
import { type SchemaFlavour, SUBSETS } from './schema-subsets.ts';

export type JsonSchema = Record<string, unknown>;

/** A constraint of the zod schema the provider was not sent: enforced after parsing only. */
export type UnsentConstraint = { path: string; keyword: string; value: unknown };

const NAMED_CHILDREN = new Set(['properties', '$defs', 'definitions']);
const LIST_CHILDREN = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SINGLE_CHILDREN = new Set(['items', 'additionalProperties', 'not']);
/** Annotations nobody needs on the wire (and strict OpenAI refuses `default`). */
const NEVER_SENT = new Set(['$schema', 'default', 'examples']);

/**
 * The zod schema as the JSON Schema one provider flavour accepts (`schema-subsets.ts`): no
 * `$schema`/`default`, no ±2^53 integer bounds, every object closed (`additionalProperties: false`)
 * with all properties required, and only the keywords of the flavour's subset. Optional fields are
 * therefore always produced; use `.nullable()` for "may be empty". `unsent` lists the constraints
 * left out, which zod still enforces and the repair call names.
 */
export function providerJsonSchema(
  schema: z.ZodType,
  flavour: SchemaFlavour,
): { schema: JsonSchema; unsent: UnsentConstraint[] } {
  const raw = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const unsent: UnsentConstraint[] = [];
  return { schema: clean(raw, flavour, '', unsent), unsent };
}

export function toProviderJsonSchema(schema: z.ZodType, flavour: SchemaFlavour): JsonSchema {
  return providerJsonSchema(schema, flavour).schema;
}

function clean(node: JsonSchema, flavour: SchemaFlavour, path: string, unsent: UnsentConstraint[]): JsonSchema {
  const subset = SUBSETS[flavour];
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (NEVER_SENT.has(key)) continue;
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(value)) >= Number.MAX_SAFE_INTEGER) continue;
    if (key === 'const' && subset.constAsEnum) {
      out.enum = [value];
      continue;
    }
    if (!subset.keywords.has(key)) {
      unsent.push({ path: path || '(root)', keyword: key, value });
      continue;
    }
    if (NAMED_CHILDREN.has(key) && isSchema(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          isSchema(v) ? clean(v, flavour, key === 'properties' ? join(path, k) : `$defs.${k}`, unsent) : v,
        ]),
      );
    } else if (LIST_CHILDREN.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => (isSchema(v) ? clean(v, flavour, path, unsent) : v));
    } else if (SINGLE_CHILDREN.has(key) && isSchema(value)) {
      out[key] = clean(value, flavour, key === 'items' ? join(path, '*') : path, unsent);
    } else {
      out[key] = value;
    }
  }
  if (isSchema(out.properties)) {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isSchema(value: unknown): value is JsonSchema {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The unsent constraints on the paths zod complained about (`modules.0.title` matches
 * `modules.*.title`), as a sentence for the repair call; empty when none applies.
 */
export function describeUnsent(unsent: UnsentConstraint[], failingPaths: string[]): string {
  const wanted = new Set(failingPaths.map((p) => p.replace(/\.\d+(?=\.|$)/g, '.*').replace(/^\d+(?=\.|$)/, '*')));
  const relevant = unsent.filter((c) => wanted.has(c.path));
  if (relevant.length === 0) return '';
  const byPath = new Map<string, string[]>();
  for (const c of relevant)
    byPath.set(c.path, [...(byPath.get(c.path) ?? []), `${c.keyword} ${JSON.stringify(c.value)}`]);
  return [...byPath].map(([p, list]) => `${p}: ${list.join(', ')}`).join('; ');
}
