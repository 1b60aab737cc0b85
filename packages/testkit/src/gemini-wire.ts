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

type GeminiBody = {
  contents?: { role?: string; parts?: { text?: string }[] }[];
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown; responseSchema?: unknown };
};

export type GeminiExchange = { res: ServerResponse; body: GeminiBody; model: string; stream: boolean; n: number };

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Gemini API `:generateContent` and `:streamGenerateContent?alt=sse` (no `[DONE]`; EOF ends the stream). */
export async function answerGemini(x: GeminiExchange, step: EmulatorStep = {}) {
  const { res, body, model } = x;
  if (step.delayMs) await sleep(step.delayMs);
  if (step.status !== undefined && step.status >= 400) {
    return sendJson(res, step.status, geminiError(step), retryHeaders(step));
  }
  if (step.body !== undefined && !x.stream) return sendJson(res, step.status ?? 200, step.body);
  if (step.malformed === 'body') return sendText(res, 200, 'application/json', MALFORMED_BODY);

  const prompt = (body.contents ?? []).flatMap((c) => c.parts ?? []).map((p) => p.text ?? '');
  const text = contentFor(body, step, prompt.at(-1) ?? '');
  const usageMetadata = {
    promptTokenCount: estimateTokens(prompt.join('\n')),
    candidatesTokenCount: estimateTokens(text),
    totalTokenCount: 0,
    ...(step.reasoning ? { thoughtsTokenCount: estimateTokens(step.reasoning) } : {}),
  };
  usageMetadata.totalTokenCount =
    usageMetadata.promptTokenCount + usageMetadata.candidatesTokenCount + (usageMetadata.thoughtsTokenCount ?? 0);
  const meta = { modelVersion: model, responseId: `emu-${x.n}` };
  const thought = step.reasoning ? [{ text: step.reasoning, thought: true }] : [];

  if (step.blockReason) {
    const blocked = { promptFeedback: { blockReason: step.blockReason }, usageMetadata, ...meta };
    if (!x.stream) return sendJson(res, 200, blocked);
    startSse(res);
    writeSse(res, blocked, '\r\n');
    return res.end();
  }
  const candidate = (parts: object[], finishReason?: string) => ({
    content: { role: 'model', parts },
    ...(finishReason ? { finishReason } : {}),
    index: 0,
  });
  const finishReason = step.finishReason ?? 'STOP';

  if (!x.stream) {
    if (step.disconnectAfterChunks !== undefined) return disconnect(res);
    const parts = finishReason === 'SAFETY' ? [] : [...thought, { text }];
    return sendJson(res, 200, { candidates: [candidate(parts, finishReason)], usageMetadata, ...meta });
  }
  startSse(res);
  const pieces = step.chunks ?? (step.body === undefined ? splitWords(text) : []);
  for (const [i, piece] of pieces.entries()) {
    if (step.disconnectAfterChunks === i) return disconnect(res);
    if (i > 0 && step.chunkDelayMs) await sleep(step.chunkDelayMs);
    if (!isOpen(res)) return;
    const parts = i === 0 ? [...thought, { text: piece }] : [{ text: piece }];
    const last = i === pieces.length - 1 && step.disconnectAfterChunks === undefined && step.body === undefined;
    writeSse(res, { candidates: [candidate(parts, last ? finishReason : undefined)], usageMetadata, ...meta }, '\r\n');
  }
  if (step.disconnectAfterChunks !== undefined) return disconnect(res);
  if (step.body !== undefined) writeSse(res, step.body, '\r\n'); // a mid-stream error event
  res.end();
}

function contentFor(body: GeminiBody, step: EmulatorStep, lastPrompt: string): string {
  if (step.text !== undefined) return step.text;
  if (step.json !== undefined) return JSON.stringify(step.json);
  if (step.malformed) return MALFORMED_CONTENT;
  if (step.chunks) return step.chunks.join('');
  const config = body.generationConfig;
  const schema = config?.responseJsonSchema ?? config?.responseSchema;
  if (schema) return JSON.stringify(sampleFromSchema(schema));
  if (config?.responseMimeType === 'application/json') return '{}';
  return defaultText(lastPrompt);
}

function geminiError(step: EmulatorStep) {
  const code = step.status ?? 500;
  const status = STATUS[code] ?? 'UNKNOWN';
  const message = step.message ?? (code === 429 ? 'Resource has been exhausted (e.g. check quota).' : `${status}`);
  const delay = step.retryAfterMs ?? (step.retryAfter === undefined ? undefined : step.retryAfter * 1000);
  const details =
    code === 429 && delay !== undefined
      ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${delay / 1000}s` }]
      : undefined;
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

export function geminiNotFound(path: string) {
  return { error: { code: 404, message: `Unknown path ${path}`, status: 'NOT_FOUND' } };
}
