import type { ProviderChoice } from './types.ts';

/**
 * What each provider's structured output accepts, written down once. Sources were read on
 * 2026-12-07; docs/decisions/010-provider-schema-subsets.md has the reasoning and the open questions.
 * Where a provider's documentation is silent, the subset is the conservative one: a keyword left
 * out is still enforced after parsing (zod) and named in the repair call, so leaving one out costs
 * at most one repair, while sending one the provider refuses costs the whole call.
 */
export type SchemaFlavour = 'openai' | 'groq-strict' | 'groq' | 'gemini' | 'openrouter' | 'gpt-oss';

export type SchemaSubset = {
  /** Keywords sent; every other keyword is dropped (and enforced only after parsing). */
  keywords: ReadonlySet<string>;
  /** `const` is not understood: it is sent as a one-value `enum`. */
  constAsEnum: boolean;
  /** `response_format.json_schema.strict` (chat-completions wires only). */
  strict: boolean;
  source: string;
};

/** Shapes every flavour understands: objects, arrays, enums, unions, definitions and annotations. */
const SHAPES = [
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'anyOf',
  'description',
  'title',
  '$defs',
  '$ref',
] as const;
const COUNTS = ['minItems', 'maxItems', 'minimum', 'maximum'] as const;

/**
 * OpenAI Structured Outputs, "Supported schemas": strings `pattern`, `format`; numbers `multipleOf`,
 * `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`; arrays `minItems`, `maxItems`; plus
 * `const`. Not `minLength`/`maxLength`, `allOf`, `not`, `if`, `patternProperties`, `default`.
 */
const OPENAI = new Set<string>([
  ...SHAPES,
  ...COUNTS,
  'const',
  'pattern',
  'format',
  'multipleOf',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

/** `@google/genai` 3.3.0 GenerateContentConfig.responseJsonSchema: "only the following properties are supported". */
const GEMINI = new Set<string>([
  ...SHAPES,
  ...COUNTS,
  '$id',
  '$anchor',
  'format',
  'prefixItems',
  'oneOf',
  'propertyOrdering',
]);

/** OpenRouter routes one model to several upstreams (OpenAI, Google, …): what both accept. */
const OPENROUTER = new Set<string>([...OPENAI].filter((k) => GEMINI.has(k)));

/**
 * GPT-OSS served by vLLM (xgrammar refuses `multipleOf`, `uniqueItems`, `patternProperties`,
 * `propertyNames` and unknown `format`s) or Ollama (its docs name no keywords): the counts only.
 */
const GPT_OSS = new Set<string>([...SHAPES, ...COUNTS, 'const', 'exclusiveMinimum', 'exclusiveMaximum']);

export const SUBSETS: Record<SchemaFlavour, SchemaSubset> = {
  openai: {
    keywords: OPENAI,
    constAsEnum: false,
    strict: true,
    source: 'https://platform.openai.com/docs/guides/structured-outputs#supported-schemas (2026-12-07)',
  },
  'groq-strict': {
    // Groq documents strict mode (gpt-oss only) as "all fields required, additionalProperties false"
    // and names no keywords: OpenAI's subset, the one gpt-oss strict decoding was built for.
    keywords: OPENAI,
    constAsEnum: false,
    strict: true,
    source: 'https://console.groq.com/docs/structured-outputs (2026-12-07)',
  },
  groq: {
    // Best-effort mode (strict: false) on the other models: same schema, no constrained decoding.
    keywords: OPENAI,
    constAsEnum: false,
    strict: false,
    source: 'https://console.groq.com/docs/structured-outputs (2026-12-07)',
  },
  gemini: {
    keywords: GEMINI,
    constAsEnum: true,
    strict: true,
    source: '@google/genai 3.3.0 genai.d.ts, GenerateContentConfig.responseJsonSchema (2026-12-07)',
  },
  openrouter: {
    keywords: OPENROUTER,
    constAsEnum: true,
    strict: true,
    source: 'https://openrouter.ai/docs/structured-outputs (2026-12-07); intersection of OpenAI and Gemini',
  },
  'gpt-oss': {
    keywords: GPT_OSS,
    constAsEnum: false,
    strict: true,
    source:
      'vLLM structured outputs (xgrammar backend), https://docs.ollama.com/capabilities/structured-outputs (2026-12-07)',
  },
};

/** Groq's strict mode (constrained decoding) exists for these models only. */
const GROQ_STRICT_MODELS = /^openai\/gpt-oss-/;

export function schemaFlavour(choice: ProviderChoice): SchemaFlavour {
  switch (choice.provider) {
    case 'groq':
      return GROQ_STRICT_MODELS.test(choice.model) ? 'groq-strict' : 'groq';
    case 'gemini':
    case 'openai':
    case 'openrouter':
    case 'gpt-oss':
      return choice.provider;
  }
}
