import type { ServerResponse } from 'node:http';
import type { EmulatorStep } from './types.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isOpen(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (!isOpen(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers = {}) {
  if (!isOpen(res)) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function startSse(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

export function writeSse(res: ServerResponse, data: unknown, eol = '\n') {
  if (!isOpen(res)) return;
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}${eol}${eol}`);
}

/** Marks the response as cut by the emulator (not by the client), then drops the socket once what was written is flushed. */
export function disconnect(res: ServerResponse) {
  (res as ServerResponse & { emulatorCut?: boolean }).emulatorCut = true;
  const socket = res.socket;
  if (!socket) return;
  socket.write('', () => setTimeout(() => socket.destroy(), 10));
}

export function retryHeaders(step: EmulatorStep): Record<string, string> {
  const headers: Record<string, string> = {};
  if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
  if (step.retryAfterMs !== undefined) headers['retry-after-ms'] = String(step.retryAfterMs);
  return headers;
}

/** Splits text into word-sized stream pieces that join back to the exact text. */
export function splitWords(text: string): string[] {
  const pieces = text.match(/\s*\S+|\s+$/g);
  return pieces && pieces.length > 0 ? pieces : [text];
}

export const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export const MALFORMED_CONTENT = 'Sure! Here is the object you asked for: {"title": "unfinished';
export const MALFORMED_BODY = '{"choices": [{"message": {"content": "cut';

export function defaultText(prompt: string): string {
  const said = prompt.replace(/\s+/g, ' ').trim().slice(0, 160);
  return said ? `Echo: ${said}` : 'Hello from the emulator.';
}
