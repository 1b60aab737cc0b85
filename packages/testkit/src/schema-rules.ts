/**
 * What each provider refuses in a structured-output request, as its documentation says (read
 * 2026-12-07; sources in docs/decisions/010-provider-schema-subsets.md). Kept apart from
 * `@aula/llm`'s own subsets on purpose: these are the providers' rules, those are Aula's choice of
 * what to send, and a test fails when the two disagree. Error bodies copy each provider's shape.
 */
import type { EmulatorRoute } from './types.ts';

export type Refusal = { status: number; body: unknown };
type Schema = Record<string, unknown>;
type ChatBody = {
  model?: string;
  response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } };
};
type GeminiBody = {
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown; responseSchema?: unknown };
};

/** OpenAI "Supported schemas": types, and these keywords; `$schema` is accepted at the root. */
const OPENAI_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  'description',
  'title',
  '$defs',
  'definitions',
  '$ref',
  'pattern',
  'format',
  'multipleOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
]);
/** @google/genai 3.3.0, GenerateContentConfig.responseJsonSchema. */
const GEMINI_JSON_KEYWORDS = new Set([
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
/** Gemini's OpenAPI-style `responseSchema` (the `Schema` message): any other field is an unknown name. */
const GEMINI_OPENAPI_FIELDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);
/** vLLM's xgrammar backend: what it reports as unsupported JSON-schema features. */
const XGRAMMAR_UNSUPPORTED = new Set([
  'multipleOf',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'patternProperties',
  'propertyNames',
]);
const XGRAMMAR_FORMATS = new Set([
  'email',
  'date',
  'time',
  'date-time',
  'duration',
  'uuid',
  'ipv4',
  'ipv6',
  'hostname',
  'uri',
]);

const NAMED = new Set(['properties', '$defs', 'definitions']);
const LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SINGLE = new Set(['items', 'additionalProperties', 'not']);

/** Calls `visit` on every sub-schema with its location as a list of keys from the root. */
function walk(node: unknown, visit: (node: Schema, at: string[]) => string | null, at: string[] = []): string | null {
  if (!isSchema(node)) return null;
  const found = visit(node, at);
  if (found) return found;
  for (const [key, value] of Object.entries(node)) {
    const children: [unknown, string[]][] =
      NAMED.has(key) && isSchema(value)
        ? Object.entries(value).map(([k, v]) => [v, [...at, key, k]])
        : LISTS.has(key) && Array.isArray(value)
          ? value.map((v, i) => [v, [...at, key, String(i)]])
          : SINGLE.has(key)
            ? [[value, [...at, key]]]
            : [];
    for (const [child, where] of children) {
      const inner = walk(child, visit, where);
      if (inner) return inner;
    }
  }
  return null;
}

/** OpenAI's context, a Python tuple: `()`, `('items',)`, `('properties', 'title')`. */
function context(at: string[]): string {
  if (at.length === 0) return '()';
  const items = at.map((k) => `'${k}'`);
  return at.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** OpenAI strict mode; the message text is the one OpenAI returns (see the decision record). */
export function openAiStrictProblem(name: string, schema: unknown): string | null {
  const prefix = `Invalid schema for response_format '${name}': `;
  if (!isSchema(schema) || schema.type !== 'object' || 'anyOf' in schema) {
    const type = isSchema(schema) ? String(schema.type ?? 'anyOf') : typeof schema;
    return `${prefix}schema must be a JSON Schema of 'type: "object"', got 'type: "${type}"'.`;
  }
  const problem = walk(schema, (node, at) => {
    for (const key of Object.keys(node)) {
      if (key === '$schema' && at.length === 0) continue;
      if (!OPENAI_KEYWORDS.has(key)) return `In context=${context(at)}, '${key}' is not permitted.`;
    }
    if (node.type === 'object' || 'properties' in node) {
      if (node.additionalProperties !== false) {
        return `In context=${context(at)}, 'additionalProperties' is required to be supplied and to be false.`;
      }
      const required = Array.isArray(node.required) ? node.required : [];
      const missing = Object.keys(isSchema(node.properties) ? node.properties : {}).find((k) => !required.includes(k));
      if (missing !== undefined) {
        return `In context=${context(at)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
      }
    }
    return null;
  });
  return problem ? `${prefix}${problem}` : null;
}

function geminiJsonProblem(schema: unknown): string | null {
  return walk(schema, (node, at) => {
    const where = ['response_json_schema', ...at].join('.');
    for (const key of Object.keys(node)) {
      if (!GEMINI_JSON_KEYWORDS.has(key))
        return `* GenerateContentRequest.generation_config.${where}: '${key}' is not supported`;
    }
    if ('$ref' in node && Object.keys(node).some((k) => !k.startsWith('$'))) {
      return `* GenerateContentRequest.generation_config.${where}: no properties but $-keywords may be set beside $ref`;
    }
    return null;
  });
}

function geminiOpenApiProblem(schema: unknown): string | null {
  return walk(schema, (node) => {
    const unknown = Object.keys(node).find((k) => !GEMINI_OPENAPI_FIELDS.has(k));
    return unknown === undefined
      ? null
      : `Invalid JSON payload received. Unknown name "${unknown}" at 'generation_config.response_schema': Cannot find field.`;
  });
}

function xgrammarProblem(schema: unknown): string | null {
  return walk(schema, (node) => {
    const key = Object.keys(node).find((k) => XGRAMMAR_UNSUPPORTED.has(k));
    if (key) return `The provided JSON schema contains features not supported by xgrammar ('${key}').`;
    if (typeof node.format === 'string' && !XGRAMMAR_FORMATS.has(node.format)) {
      return `The provided JSON schema contains features not supported by xgrammar (format '${node.format}').`;
    }
    return null;
  });
}

const openAiError = (message: string) => ({
  error: { message, type: 'invalid_request_error', param: 'response_format', code: null },
});
const googleError = (message: string) => ({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });

/** The refusal a chat-completions provider would send for this request's response_format, or null. */
export function refuseChatRequest(route: EmulatorRoute, body: ChatBody): Refusal | null {
  const format = body.response_format;
  if (format?.type !== 'json_schema') return null;
  const model = body.model ?? '';
  const name = format.json_schema?.name ?? '';
  const schema = format.json_schema?.schema;
  const strict = format.json_schema?.strict === true;
  if (route === 'openai' && /gpt-oss/.test(model)) {
    // A local vLLM (Ollama accepts the same and more): the schema goes to its grammar backend.
    const problem = xgrammarProblem(schema);
    return problem
      ? { status: 400, body: { error: { message: problem, type: 'BadRequestError', param: null, code: 400 } } }
      : null;
  }
  if (route === 'openai') {
    const problem = strict ? openAiStrictProblem(name, schema) : null;
    return problem ? { status: 400, body: openAiError(problem) } : null;
  }
  if (route === 'groq') {
    if (!strict) return null;
    if (!/^openai\/gpt-oss-/.test(model)) {
      return {
        status: 400,
        body: openAiError(`Strict mode (strict: true) is not supported for model '${model}'; use strict: false.`),
      };
    }
    const problem = openAiStrictProblem(name, schema);
    return problem ? { status: 400, body: openAiError(problem) } : null;
  }
  if (route === 'openrouter') {
    // OpenRouter passes the upstream's refusal on, wrapped: {error:{code, message, metadata:{raw, provider_name}}}.
    const upstream = model.startsWith('openai/')
      ? { name: 'OpenAI', problem: strict ? openAiStrictProblem(name, schema) : null, wrap: openAiError }
      : model.startsWith('google/')
        ? { name: 'Google AI Studio', problem: geminiJsonProblem(schema), wrap: googleError }
        : null;
    if (!upstream?.problem) return null;
    const raw = JSON.stringify(upstream.wrap(upstream.problem), null, 2);
    return {
      status: 400,
      body: {
        error: { message: 'Provider returned error', code: 400, metadata: { raw, provider_name: upstream.name } },
      },
    };
  }
  return null;
}

/** The refusal Gemini would send for this request's generationConfig, or null. */
export function refuseGeminiRequest(body: GeminiBody): Refusal | null {
  const config = body.generationConfig;
  if (!config) return null;
  const refuse = (message: string): Refusal => ({ status: 400, body: googleError(message) });
  if (config.responseJsonSchema !== undefined && config.responseSchema !== undefined) {
    return refuse('response_schema and response_json_schema cannot both be set.');
  }
  const schema = config.responseJsonSchema ?? config.responseSchema;
  if (schema !== undefined && config.responseMimeType !== 'application/json') {
    return refuse('response_mime_type must be application/json when a response schema is set.');
  }
  const problem =
    config.responseJsonSchema !== undefined
      ? geminiJsonProblem(config.responseJsonSchema)
      : config.responseSchema !== undefined
        ? geminiOpenApiProblem(config.responseSchema)
        : null;
  return problem ? refuse(problem) : null;
}

function isSchema(value: unknown): value is Schema {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
