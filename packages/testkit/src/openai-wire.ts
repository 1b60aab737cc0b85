import type { ServerResponse } from 'node:http';
import {
  defaultText,
  disconnect,
  estimateTokens,
  isOpen,
  MALFORMED_BODY,
  MALFORMED_CONTENT,
  retryHeaders,
  sendJson,
  sendText,
  sleep,
  splitWords,
  startSse,
  writeSse,
} from './respond.ts';
import { sampleFromSchema } from './sample-from-schema.ts';
import type { EmulatorStep } from './types.ts';

type ChatBody = {
  model?: string;
  messages?: { role: string; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type?: string; json_schema?: { schema?: unknown } };
};

export type ChatExchange = { res: ServerResponse; body: ChatBody; route: 'openai' | 'groq' | 'openrouter'; n: number };

const CREATED = 1731500000;

/** OpenAI-compatible chat completions (OpenAI, OpenRouter, Groq, vLLM/Ollama gpt-oss). */
export async function answerChat(x: ChatExchange, step: EmulatorStep = {}) {
  const { res, body, route } = x;
  if (step.delayMs) await sleep(step.delayMs);
  if (step.status !== undefined && step.status >= 400) {
    return sendJson(res, step.status, chatError(route, step.status, step.message), retryHeaders(step));
  }
  if (step.body !== undefined && !body.stream) return sendJson(res, step.status ?? 200, step.body, retryHeaders(step));
  if (step.malformed === 'body') return sendText(res, 200, 'application/json', MALFORMED_BODY);

  const model = body.model ?? 'unknown-model';
  const id = `chatcmpl-emu${x.n}`;
  const content = contentFor(body, step);
  const reasoning =
    step.reasoning ?? (/gpt-oss/i.test(model) ? 'The user asked something; answer briefly.' : undefined);
  const promptTokens = estimateTokens((body.messages ?? []).map((m) => String(m.content ?? '')).join('\n'));
  const completionTokens = estimateTokens(content) + (reasoning ? estimateTokens(reasoning) : 0);
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: 0 };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const finishReason = step.finishReason ?? 'stop';
  const groq = route === 'groq' ? { x_groq: { id: `req_emu${x.n}` } } : {};

  if (!body.stream) {
    if (step.disconnectAfterChunks !== undefined) return disconnect(res);
    const message = step.refusal
      ? { role: 'assistant', content: null, refusal: step.refusal }
      : { role: 'assistant', content, ...(reasoning ? { reasoning } : {}) };
    return sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
      ...groq,
    });
  }

  const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  });
  startSse(res);
  if (route === 'openrouter') res.write(': OPENROUTER PROCESSING\n\n');
  writeSse(res, chunk({ role: 'assistant', content: '' }, null, groq));
  if (reasoning) for (const piece of splitWords(reasoning)) writeSse(res, chunk({ reasoning: piece }));
  const pieces = step.chunks ?? (step.body === undefined ? splitWords(content) : []);
  for (const [i, piece] of pieces.entries()) {
    if (step.disconnectAfterChunks === i) return disconnect(res);
    if (i > 0 && step.chunkDelayMs) await sleep(step.chunkDelayMs);
    if (!isOpen(res)) return;
    writeSse(res, chunk({ content: piece }));
  }
  if (step.disconnectAfterChunks !== undefined) return disconnect(res);
  if (step.body !== undefined) {
    writeSse(res, step.body); // a mid-stream error event, e.g. OpenRouter's {error, choices:[{finish_reason:'error'}]}
    return res.end();
  }
  if (route === 'groq') writeSse(res, chunk({}, finishReason, { x_groq: { id: `req_emu${x.n}`, usage } }));
  else writeSse(res, chunk({}, finishReason));
  if (route !== 'groq' && body.stream_options?.include_usage) writeSse(res, { ...chunk({}), choices: [], usage });
  writeSse(res, '[DONE]');
  res.end();
}

function contentFor(body: ChatBody, step: EmulatorStep): string {
  if (step.text !== undefined) return step.text;
  if (step.json !== undefined) return JSON.stringify(step.json);
  if (step.malformed) return MALFORMED_CONTENT;
  if (step.chunks) return step.chunks.join('');
  const format = body.response_format;
  if (format?.type === 'json_schema') return JSON.stringify(sampleFromSchema(format.json_schema?.schema));
  if (format?.type === 'json_object') return '{}';
  const lastUser = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return defaultText(typeof lastUser?.content === 'string' ? lastUser.content : '');
}

const MESSAGES: Record<number, [string, string, string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  403: ['You are not allowed to use this model.', 'permission_denied', null],
  404: ['The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'],
  429: ['Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request.', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
};

export function chatError(route: ChatExchange['route'], status: number, message?: string) {
  const [text, type, code] = MESSAGES[status] ?? [`Upstream error ${status}.`, 'server_error', null];
  if (route === 'openrouter') return { error: { code: status, message: message ?? text, metadata: {} } };
  return { error: { message: message ?? text, type, code } };
}
