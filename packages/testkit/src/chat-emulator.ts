import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback.ts';
import { sendJson, sendText } from './respond.ts';

export type ChatService = 'chatwoot' | 'telegram';

/** One scripted answer for the next request to a service; without one, requests succeed. */
export type ChatStep = {
  /** 401 (bad token), 404 (no conversation / chat), 400, 429 (with `retryAfter` seconds), 500. */
  status: number;
  retryAfter?: number;
  /** Telegram's `description` / Chatwoot's `error`. */
  message?: string;
};

export type ChatRequest = {
  service: ChatService | 'unknown';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the emulator answered. */
  status: number;
};

export type ChatEmulator = {
  url: string;
  /** Every request, in order (including refused ones; see `status`). */
  requests: ChatRequest[];
  /** Messages that were accepted, as the service stored them. */
  delivered: (service: ChatService) => ChatRequest[];
  script: (service: ChatService, ...steps: ChatStep[]) => void;
  reset: () => void;
  stop: () => Promise<void>;
};

/**
 * Chatwoot's Application API and the Telegram Bot API on 127.0.0.1 (a free port), as far as
 * notifications go: `POST /api/v1/accounts/:account/conversations/:conversation/messages` with the
 * `api_access_token` header, and `POST /bot<token>/sendMessage`. Wrong tokens, unknown conversations and
 * rate limits answer with each service's real error shape.
 */
export async function startChatEmulator(
  options: { chatwootToken?: string; telegramToken?: string; chatwootConversations?: number[] } = {},
): Promise<ChatEmulator> {
  const chatwootToken = options.chatwootToken ?? 'chatwoot-test-token';
  const telegramToken = options.telegramToken ?? '123456:telegram-test-token';
  const conversations = new Set(options.chatwootConversations ?? [1]);
  const requests: ChatRequest[] = [];
  const scripts: Record<ChatService, ChatStep[]> = { chatwoot: [], telegram: [] };
  let nextId = 1000;

  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const record: ChatRequest = {
      service: 'unknown',
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      status: 0,
    };
    requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (typeof payload === 'string') sendText(res, status, 'text/plain; charset=utf-8', payload, headers);
      else sendJson(res, status, payload, headers);
    };
    const chatwoot = path.match(/^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/messages$/);
    const telegram = path.match(/^\/bot([^/]+)\/sendMessage$/);
    if (chatwoot && req.method === 'POST') {
      record.service = 'chatwoot';
      answerChatwoot(send, req.headers, body, Number(chatwoot[2]), scripts.chatwoot.shift());
    } else if (telegram && req.method === 'POST') {
      record.service = 'telegram';
      answerTelegram(send, telegram[1] ?? '', body, scripts.telegram.shift());
    } else send(404, { error: 'Not Found' });
  });

  function answerChatwoot(
    send: Send,
    headers: IncomingHttpHeaders,
    body: unknown,
    conversation: number,
    step?: ChatStep,
  ) {
    const status = step?.status ?? (headers.api_access_token === chatwootToken ? 200 : 401);
    // Rack::Attack's throttle answers in plain text; Devise/Rails errors are `{error}` JSON.
    if (status === 429) return send(429, 'Retry later\n', retryAfter(step));
    if (status === 401) return send(401, { error: 'You need to sign in or sign up before continuing.' });
    if (status !== 200) return send(status, { error: step?.message ?? 'Internal Server Error' });
    if (!conversations.has(conversation)) return send(404, { error: 'Resource could not be found' });
    const message = (body ?? {}) as { content?: string; message_type?: string; private?: boolean };
    if (!message.content) return send(422, { message: "Content can't be blank", attributes: ['content'] });
    send(200, {
      id: nextId++,
      content: message.content,
      inbox_id: 1,
      conversation_id: conversation,
      message_type: message.message_type === 'incoming' ? 0 : 1,
      content_type: 'text',
      content_attributes: {},
      created_at: Math.floor(Date.now() / 1000),
      private: message.private ?? false,
      source_id: null,
      sender: { id: 1, name: 'Aula', type: 'agent_bot' },
    });
  }

  function answerTelegram(send: Send, token: string, body: unknown, step?: ChatStep) {
    const fail = (code: number, description: string, extra: Record<string, unknown> = {}) =>
      send(code, { ok: false, error_code: code, description, ...extra });
    const status = step?.status ?? (token === telegramToken ? 200 : 401);
    if (status === 429) {
      const seconds = step?.retryAfter ?? 1;
      return fail(429, `Too Many Requests: retry after ${seconds}`, { parameters: { retry_after: seconds } });
    }
    if (status === 401) return fail(401, 'Unauthorized');
    if (status === 404) return fail(404, 'Not Found');
    if (status !== 200) return fail(status, step?.message ?? 'Bad Request: chat not found');
    const message = (body ?? {}) as { chat_id?: string | number; text?: string };
    if (message.chat_id === undefined || message.chat_id === '') return fail(400, 'Bad Request: chat_id is empty');
    if (!message.text) return fail(400, 'Bad Request: message text is empty');
    const chatId = Number(message.chat_id);
    send(200, {
      ok: true,
      result: {
        message_id: nextId++,
        from: { id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Aula', username: 'aula_bot' },
        chat:
          chatId < 0
            ? { id: chatId, title: 'Aula', type: 'group' }
            : { id: chatId, first_name: 'Aula', type: 'private' },
        date: Math.floor(Date.now() / 1000),
        text: message.text,
      },
    });
  }

  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    requests,
    delivered: (service) => requests.filter((r) => r.service === service && r.status === 200),
    script: (service, ...steps) => scripts[service].push(...steps),
    reset: () => {
      requests.length = 0;
      scripts.chatwoot.length = 0;
      scripts.telegram.length = 0;
    },
    stop: listening.stop,
  };
}

type Send = (status: number, payload: unknown, headers?: Record<string, string>) => void;

const retryAfter = (step?: ChatStep): Record<string, string> =>
  step?.retryAfter === undefined ? {} : { 'retry-after': String(step.retryAfter) };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  if (String(req.headers['content-type']).includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
