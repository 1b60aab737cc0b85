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

/** A Chatwoot conversation as the emulator keeps it (what agents would see). */
export type ChatwootConversationState = {
  id: number;
  inboxId: number;
  channel: string;
  contact: { id: number; name: string };
  status: 'open' | 'resolved' | 'pending' | 'snoozed';
  teamId: number | null;
  assigneeId: number | null;
  /** Every message posted through the API (outgoing answers and private notes), in order. */
  messages: { id: number; content: string; private: boolean; messageType: 'outgoing' | 'incoming' }[];
};

export type ChatEmulator = {
  url: string;
  /** Every request, in order (including refused ones; see `status`). */
  requests: ChatRequest[];
  /** Messages that were accepted, as the service stored them. */
  delivered: (service: ChatService) => ChatRequest[];
  script: (service: ChatService, ...steps: ChatStep[]) => void;
  /** Chatwoot's side: conversations (created by `chatwoot.conversation`), their status, team and messages. */
  chatwoot: {
    accountId: number;
    /** A conversation of a contact in an inbox (Telegram by default); the contact is made up once per id. */
    conversation: (o: {
      contactId: number;
      name?: string;
      channel?: string;
      inboxId?: number;
    }) => ChatwootConversationState;
    get: (conversationId: number) => ChatwootConversationState | undefined;
    /** The Agent Bot webhook's `message_created` for a contact's text message (Chatwoot's `Message#webhook_data`). */
    messageCreated: (conversationId: number, content: string, o?: { messageId?: number }) => ChatwootWebhookPayload;
    /** `conversation_resolved` (an agent resolved it; Chatwoot's `Conversation#webhook_data`), and the status change. */
    resolve: (conversationId: number) => ChatwootWebhookPayload;
    /** While false, every connection is dropped at once, as an unreachable Chatwoot. */
    setReachable: (reachable: boolean) => void;
  };
  reset: () => void;
  stop: () => Promise<void>;
};

/**
 * Chatwoot's Application API and the Telegram Bot API on 127.0.0.1 (a free port):
 * `POST /api/v1/accounts/:account/conversations/:conversation/messages` (outgoing messages and private
 * notes), `…/toggle_status` and `…/assignments` (team or agent) with the `api_access_token` header, and
 * `POST /bot<token>/sendMessage`. It also writes the Agent Bot webhook's payloads (`message_created`,
 * `conversation_resolved`, shaped like Chatwoot's `webhook_data`) for conversations it keeps, and can
 * play unreachable. Wrong tokens, unknown conversations and
 * rate limits answer with each service's real error shape.
 */
export type ChatwootWebhookPayload = Record<string, unknown> & { event: string };

export async function startChatEmulator(
  options: {
    chatwootToken?: string;
    telegramToken?: string;
    chatwootConversations?: number[];
    chatwootAccountId?: number;
  } = {},
): Promise<ChatEmulator> {
  const chatwootToken = options.chatwootToken ?? 'chatwoot-test-token';
  const telegramToken = options.telegramToken ?? '123456:telegram-test-token';
  const accountId = options.chatwootAccountId ?? 1;
  const conversations = new Set(options.chatwootConversations ?? [1]);
  const states = new Map<number, ChatwootConversationState>();
  let reachable = true;
  let nextConversation = 100;
  let nextIncoming = 50_000;
  const requests: ChatRequest[] = [];
  const scripts: Record<ChatService, ChatStep[]> = { chatwoot: [], telegram: [] };
  let nextId = 1000;

  const server = createServer(async (req, res) => {
    if (!reachable) {
      req.socket.destroy();
      return;
    }
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
    const chatwoot = path.match(
      /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/(messages|toggle_status|assignments)$/,
    );
    const telegram = path.match(/^\/bot([^/]+)\/sendMessage$/);
    if (chatwoot && req.method === 'POST') {
      record.service = 'chatwoot';
      const step = scripts.chatwoot.shift();
      const conversation = Number(chatwoot[2]);
      if (chatwoot[3] === 'messages') answerChatwoot(send, req.headers, body, conversation, step);
      else
        answerConversation(send, req.headers, body, conversation, chatwoot[3] as 'toggle_status' | 'assignments', step);
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
    const id = nextId++;
    states.get(conversation)?.messages.push({
      id,
      content: message.content,
      private: message.private ?? false,
      messageType: message.message_type === 'incoming' ? 'incoming' : 'outgoing',
    });
    send(200, {
      id,
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

  /** `toggle_status` ({status}) and `assignments` ({assignee_id} or {team_id}), as Chatwoot answers them. */
  function answerConversation(
    send: Send,
    headers: IncomingHttpHeaders,
    body: unknown,
    conversation: number,
    action: 'toggle_status' | 'assignments',
    step?: ChatStep,
  ) {
    const status = step?.status ?? (headers.api_access_token === chatwootToken ? 200 : 401);
    if (status === 429) return send(429, 'Retry later\n', retryAfter(step));
    if (status === 401) return send(401, { error: 'You need to sign in or sign up before continuing.' });
    if (status !== 200) return send(status, { error: step?.message ?? 'Internal Server Error' });
    const state = states.get(conversation);
    if (!state && !conversations.has(conversation)) return send(404, { error: 'Resource could not be found' });
    const input = (body ?? {}) as { status?: string; team_id?: number; assignee_id?: number };
    if (action === 'toggle_status') {
      const next = (input.status ??
        (state?.status === 'open' ? 'resolved' : 'open')) as ChatwootConversationState['status'];
      if (!['open', 'resolved', 'pending', 'snoozed'].includes(next)) return send(422, { error: 'Invalid status' });
      if (state) state.status = next;
      return send(200, { meta: {}, payload: { success: true, conversation_id: conversation, current_status: next } });
    }
    if (input.team_id !== undefined) {
      if (state) state.teamId = input.team_id;
      return send(200, {
        id: input.team_id,
        name: 'support',
        description: '',
        allow_auto_assign: true,
        account_id: accountId,
      });
    }
    if (input.assignee_id !== undefined) {
      if (state) state.assigneeId = input.assignee_id;
      return send(200, { id: input.assignee_id, name: 'Agent', available_name: 'Agent', role: 'agent', type: 'user' });
    }
    return send(200, null);
  }

  function contactOf(state: ChatwootConversationState) {
    return {
      additional_attributes: {},
      custom_attributes: {},
      email: null,
      id: state.contact.id,
      identifier: null,
      name: state.contact.name,
      phone_number:
        state.channel === 'Channel::Whatsapp' ? `+3460000${String(state.contact.id).padStart(4, '0')}` : null,
      thumbnail: '',
      type: 'contact',
    };
  }

  /** Chatwoot's `Conversation#webhook_data` (Conversations::EventDataPresenter#push_data), the parts bots read. */
  function conversationData(state: ChatwootConversationState) {
    const now = Math.floor(Date.now() / 1000);
    return {
      additional_attributes: {},
      can_reply: true,
      channel: state.channel,
      contact_inbox: { contact_id: state.contact.id, inbox_id: state.inboxId, source_id: `src-${state.contact.id}` },
      id: state.id,
      inbox_id: state.inboxId,
      messages: [],
      labels: [],
      meta: {
        sender: contactOf(state),
        assignee: state.assigneeId ? { id: state.assigneeId, name: 'Agent', type: 'user' } : null,
        team: state.teamId ? { id: state.teamId, name: 'support' } : null,
        hmac_verified: false,
      },
      status: state.status,
      custom_attributes: {},
      snoozed_until: null,
      unread_count: 1,
      first_reply_created_at: null,
      priority: null,
      waiting_since: now,
      agent_last_seen_at: 0,
      contact_last_seen_at: 0,
      last_activity_at: now,
      timestamp: now,
      created_at: now,
      updated_at: now,
    };
  }

  const chatwootSide: ChatEmulator['chatwoot'] = {
    accountId,
    conversation({ contactId, name, channel, inboxId }) {
      const state: ChatwootConversationState = {
        id: nextConversation++,
        inboxId: inboxId ?? 1,
        channel: channel ?? 'Channel::Telegram',
        contact: { id: contactId, name: name ?? `Contact ${contactId}` },
        status: 'pending',
        teamId: null,
        assigneeId: null,
        messages: [],
      };
      states.set(state.id, state);
      conversations.add(state.id);
      return state;
    },
    get: (id) => states.get(id),
    messageCreated(conversationId, content, o = {}) {
      const state = states.get(conversationId);
      if (!state) throw new Error(`no emulated Chatwoot conversation ${conversationId}`);
      const id = o.messageId ?? nextIncoming++;
      state.messages.push({ id, content, private: false, messageType: 'incoming' });
      return {
        event: 'message_created',
        account: { id: accountId, name: 'Aula' },
        additional_attributes: {},
        content_attributes: {},
        content_type: 'text',
        content,
        conversation: conversationData(state),
        created_at: new Date().toISOString(),
        id,
        inbox: { id: state.inboxId, name: state.channel === 'Channel::Whatsapp' ? 'Aula WhatsApp' : 'Aula Telegram' },
        message_type: 'incoming',
        private: false,
        sender: { ...contactOf(state), account: { id: accountId, name: 'Aula' } },
        source_id: `ext-${id}`,
      };
    },
    resolve(conversationId) {
      const state = states.get(conversationId);
      if (!state) throw new Error(`no emulated Chatwoot conversation ${conversationId}`);
      state.status = 'resolved';
      return { ...conversationData(state), event: 'conversation_resolved' };
    },
    setReachable(value) {
      reachable = value;
    },
  };

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
    chatwoot: chatwootSide,
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
