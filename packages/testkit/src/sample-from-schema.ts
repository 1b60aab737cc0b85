type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;
const FILLER = ' lorem ipsum dolor sit amet';
/** Properties a model fills with prose of its own length (a lesson's Markdown): strict schemas carry no minLength. */
const PROSE = /^(markdown|body|content)$/i;
const PROSE_LENGTH = 320;

/**
 * A small, deterministic value that satisfies a JSON Schema (OpenAPI-style uppercase types too),
 * so generation works end to end without scripting every call. Strings are readable placeholders
 * named after their property (`url`-like names get a URL; `markdown`/`body`/`content` a few hundred
 * characters of prose, as a model writes); `pattern` is not honoured.
 */
export function sampleFromSchema(schema: unknown): unknown {
  const root = asSchema(schema);
  return sample(root, { root, label: 'text', depth: 0 });
}

type Ctx = { root: Schema; label: string; depth: number };

function sample(schema: Schema, ctx: Ctx): unknown {
  const s = resolveRef(schema, ctx.root);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const options = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    const first = options.map(asSchema).find((o) => typeOf(o) !== 'null') ?? asSchema(options[0]);
    return sample(first, ctx);
  }
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return sample(asSchema(s.allOf[0]), ctx);
  switch (typeOf(s)) {
    case 'object':
      return sampleObject(s, ctx);
    case 'array':
      return sampleArray(s, ctx);
    case 'string':
      return sampleString(s, ctx.label);
    case 'integer':
      return Math.ceil(sampleNumber(s));
    case 'number':
      return sampleNumber(s);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return s.properties ? sampleObject(s, ctx) : sampleString(s, ctx.label);
  }
}

function sampleObject(s: Schema, ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (ctx.depth >= MAX_DEPTH) return out;
  const properties = asSchema(s.properties);
  for (const [key, value] of Object.entries(properties)) {
    out[key] = sample(asSchema(value), { ...ctx, label: key, depth: ctx.depth + 1 });
  }
  return out;
}

function sampleArray(s: Schema, ctx: Ctx): unknown[] {
  const min = num(s.minItems) ?? 0;
  const max = num(s.maxItems) ?? Number.POSITIVE_INFINITY;
  const count = ctx.depth >= MAX_DEPTH ? min : Math.min(Math.max(min, 1), max);
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems.map(asSchema) : [];
  const items = asSchema(s.items);
  return Array.from({ length: count }, (_, i) =>
    sample(prefix[i] ?? items, { ...ctx, label: `${singular(ctx.label)} ${i + 1}`, depth: ctx.depth + 1 }),
  );
}

function sampleString(s: Schema, label: string): string {
  const format = typeof s.format === 'string' ? s.format : '';
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const byFormat: Record<string, string> = {
    uri: `https://example.org/${slug}`,
    url: `https://example.org/${slug}`,
    email: 'person@example.org',
    'date-time': '2025-01-01T00:00:00Z',
    date: '2025-01-01',
    time: '00:00:00',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  const urlish = /^(url|uri|href|link|website)( \d+)?$/i.test(label) ? byFormat.uri : undefined;
  let text = byFormat[format] ?? urlish ?? `Sample ${humanize(label)}`;
  if (PROSE.test(label) && !byFormat[format]) text = `## ${text}\n\n`;
  const minLength = num(s.minLength) ?? (PROSE.test(label) ? PROSE_LENGTH : 0);
  while (text.length < minLength) text += FILLER;
  const maxLength = num(s.maxLength);
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

function sampleNumber(s: Schema): number {
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  const lo = num(s.minimum) ?? (exMin === undefined ? undefined : exMin + 1);
  const hi = num(s.maximum) ?? (exMax === undefined ? undefined : exMax - 1);
  if (lo !== undefined) return lo;
  return hi === undefined ? 1 : Math.min(hi, 1);
}

function typeOf(s: Schema): string | undefined {
  const t = Array.isArray(s.type) ? (s.type.find((x) => String(x).toLowerCase() !== 'null') ?? s.type[0]) : s.type;
  return typeof t === 'string' ? t.toLowerCase() : undefined;
}

function resolveRef(s: Schema, root: Schema): Schema {
  if (typeof s.$ref !== 'string') return s;
  const path = s.$ref.replace(/^#\/?/, '').split('/').filter(Boolean);
  let node: unknown = root;
  for (const part of path) node = asSchema(node)[decodeURIComponent(part)];
  return asSchema(node);
}

function asSchema(value: unknown): Schema {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {};
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function humanize(label: string): string {
  return label
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function singular(label: string): string {
  return label.replace(/ \d+$/, '').replace(/ies$/, 'y').replace(/s$/, '');
}
