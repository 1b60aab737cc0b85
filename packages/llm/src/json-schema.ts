import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Keywords Gemini's `responseJsonSchema` accepts; anything else is dropped. */
const GEMINI_KEYWORDS = new Set([
  '$id',
  '$defs',
  '$ref',
  '$anchor',
  'type',
  'format',
  'title',
  'description',
  'enum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
  'properties',
  'additionalProperties',
  'required',
  'propertyOrdering',
]);
const NAMED_CHILDREN = new Set(['properties', '$defs', 'definitions']);
const LIST_CHILDREN = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SINGLE_CHILDREN = new Set(['items', 'additionalProperties', 'not']);

/**
 * The zod schema as the JSON Schema providers accept: no `$schema`, no `default`, no ±2^53 integer
 * bounds, every object closed (`additionalProperties: false`) with all properties required, as strict
 * OpenAI-style structured output demands. Optional fields are therefore always produced; use
 * `.nullable()` for "may be empty". The `gemini` flavour also keeps only the keywords Gemini knows.
 */
export function toProviderJsonSchema(schema: z.ZodType, flavour: 'strict' | 'gemini'): JsonSchema {
  const raw = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return clean(raw, flavour);
}

function clean(node: JsonSchema, flavour: 'strict' | 'gemini'): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'default') continue;
    if (flavour === 'gemini' && key !== 'const' && !GEMINI_KEYWORDS.has(key)) continue;
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(value)) >= Number.MAX_SAFE_INTEGER) continue;
    if (NAMED_CHILDREN.has(key) && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSchema(v) ? clean(v, flavour) : v]));
    } else if (LIST_CHILDREN.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => (isSchema(v) ? clean(v, flavour) : v));
    } else if (SINGLE_CHILDREN.has(key) && isSchema(value)) {
      out[key] = clean(value, flavour);
    } else {
      out[key] = value;
    }
  }
  if (flavour === 'gemini' && 'const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (isSchema(out.properties)) {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
