import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback.ts';
import { sendJson } from './respond.ts';

/** A Telegram user writing to the bot: an update as `getUpdates` returns it. */
export type TelegramUpdate = {
  update_id: number;
  message: {
    message_id: number;
    date: number;
    text: string;
    from: { id: number; is_bot: false; first_name: string };
    chat: { id: number; type: 'private' };
  };
};

export type TelegramSent = { chat_id: number; text: string; at: number };

export type TelegramBotEmulator = {
  url: string;
  token: string;
  /** A person (user id = private chat id) sends the bot a message. */
  say: (userId: number, text: string) => void;
  /** What the bot sent, in order (only accepted calls). */
  sent: TelegramSent[];
  /** Resolves with the first message (sent from now on, or already sent after `since`) to `chatId` that matches. */
  waitFor: (chatId: number, pattern: RegExp, timeoutMs?: number, since?: number) => Promise<TelegramSent>;
  /** Every Bot API call, method and status. */
  calls: { method: string; status: number }[];
  stop: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://x');
  const fromQuery = Object.fromEntries(url.searchParams);
  if (!text) return fromQuery;
  try {
    return { ...fromQuery, ...(JSON.parse(text) as Record<string, unknown>) };
  } catch {
    return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(text)) };
  }
}

/**
 * The Telegram Bot API as a bot that talks with people uses it: `getUpdates` (long polling with
 * `offset` and `timeout`, updates confirmed by asking from a higher offset) and `sendMessage`, on
 * `POST|GET /bot<token>/<method>`, answering `{ ok, result }` or `{ ok: false, error_code, description }`
 * (401 for a wrong token), as https://core.telegram.org/bots/api describes.
 */
export async function startTelegramBotEmulator(token = '777000:ops-bot-test-token'): Promise<TelegramBotEmulator> {
  const updates: TelegramUpdate[] = [];
  const sent: TelegramSent[] = [];
  const calls: { method: string; status: number }[] = [];
  const waiters = new Set<() => void>();
  let nextUpdate = 1;
  let nextMessage = 1;
  const wake = () => {
    for (const w of [...waiters]) w();
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      const body = await readBody(req);
      if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, given, method = ''] = m;
      if (given !== token) {
        calls.push({ method, status: 401 });
        return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      if (method === 'getUpdates') {
        const offset = Number(body.offset ?? 0);
        const timeout = Math.min(Number(body.timeout ?? 0), 50);
        // Asking from an offset confirms every update before it.
        while (updates.length > 0 && offset > 0 && (updates[0]?.update_id ?? 0) < offset) updates.shift();
        const ready = () => updates.filter((u) => u.update_id >= offset);
        if (ready().length === 0 && timeout > 0) {
          await new Promise<void>((resolve) => {
            const done = () => {
              waiters.delete(done);
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(done, timeout * 1000);
            waiters.add(done);
            req.socket.once('close', done);
          });
        }
        calls.push({ method, status: 200 });
        if (res.destroyed) return;
        return sendJson(res, 200, { ok: true, result: ready().slice(0, Number(body.limit ?? 100)) });
      }
      if (method === 'sendMessage') {
        const chatId = Number(body.chat_id);
        const text = typeof body.text === 'string' ? body.text : '';
        if (!Number.isFinite(chatId) || !text) {
          calls.push({ method, status: 400 });
          return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
        }
        if (text.length > 4096) {
          calls.push({ method, status: 400 });
          return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
        }
        const message = { chat_id: chatId, text, at: Date.now() };
        sent.push(message);
        calls.push({ method, status: 200 });
        wake();
        return sendJson(res, 200, {
          ok: true,
          result: {
            message_id: nextMessage++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private' },
            text,
          },
        });
      }
      calls.push({ method, status: 404 });
      return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    })().catch((error: Error) => sendJson(res, 500, { ok: false, error_code: 500, description: error.message }));
  });
  const listening = await listenOnLoopback(server);

  return {
    url: listening.url,
    token,
    sent,
    calls,
    say: (userId, text) => {
      updates.push({
        update_id: nextUpdate++,
        message: {
          message_id: nextMessage++,
          date: Math.floor(Date.now() / 1000),
          text,
          from: { id: userId, is_bot: false, first_name: `user${userId}` },
          chat: { id: userId, type: 'private' },
        },
      });
      wake();
    },
    waitFor: (chatId, pattern, timeoutMs = 30_000, since = Date.now()) =>
      new Promise((resolve, reject) => {
        const find = () => sent.find((s) => s.chat_id === chatId && s.at >= since && pattern.test(s.text));
        const check = () => {
          const found = find();
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no message to ${chatId} matching ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: async () => {
      wake();
      await listening.stop();
    },
  };
}
