import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startChatEmulator } from './chat-emulator.ts';

const emu = await startChatEmulator({
  chatwootToken: 'cw-token',
  telegramToken: '42:tg-token',
  chatwootConversations: [7],
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const chatwoot = '/api/v1/accounts/1/conversations/7/messages';

describe('Chatwoot', () => {
  it('stores an outgoing message and answers with it', async () => {
    const res = await post(chatwoot, { content: 'Hola', message_type: 'outgoing' }, { api_access_token: 'cw-token' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ content: 'Hola', conversation_id: 7, message_type: 1, private: false });
    expect(emu.delivered('chatwoot')).toHaveLength(1);
  });

  it.each([
    [
      'a wrong token',
      chatwoot,
      { api_access_token: 'nope' },
      401,
      { error: 'You need to sign in or sign up before continuing.' },
    ],
    [
      'an unknown conversation',
      '/api/v1/accounts/1/conversations/8/messages',
      { api_access_token: 'cw-token' },
      404,
      { error: 'Resource could not be found' },
    ],
  ])('refuses %s', async (_, path, headers, status, body) => {
    const res = await post(path, { content: 'Hola' }, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
    expect(emu.delivered('chatwoot')).toHaveLength(0);
  });

  it('throttles like Rack::Attack when scripted', async () => {
    emu.script('chatwoot', { status: 429, retryAfter: 3 });
    const res = await post(chatwoot, { content: 'Hola' }, { api_access_token: 'cw-token' });
    expect([res.status, res.headers.get('retry-after'), await res.text()]).toEqual([429, '3', 'Retry later\n']);
  });
});

describe('Telegram', () => {
  it('sends a message and answers {ok, result}', async () => {
    const res = await post('/bot42:tg-token/sendMessage', { chat_id: '-100', text: 'Listo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: { text: 'Listo', chat: { id: -100, type: 'group' } } });
    expect(emu.delivered('telegram')[0]?.body).toEqual({ chat_id: '-100', text: 'Listo' });
  });

  it.each([
    ['a wrong token', '/bot1:bad/sendMessage', { chat_id: 1, text: 'x' }, 401, 'Unauthorized'],
    [
      'an empty text',
      '/bot42:tg-token/sendMessage',
      { chat_id: 1, text: '' },
      400,
      'Bad Request: message text is empty',
    ],
    ['no chat', '/bot42:tg-token/sendMessage', { text: 'x' }, 400, 'Bad Request: chat_id is empty'],
  ])('refuses %s', async (_, path, body, status, description) => {
    const res = await post(path, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ ok: false, error_code: status, description });
  });

  it('rate limits with parameters.retry_after when scripted', async () => {
    emu.script('telegram', { status: 429, retryAfter: 5 });
    const res = await post('/bot42:tg-token/sendMessage', { chat_id: 1, text: 'x' });
    expect(await res.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 5',
      parameters: { retry_after: 5 },
    });
  });
});

describe('Chatwoot conversations and the Agent Bot webhook', () => {
  const token = { api_access_token: 'cw-token' };
  it('writes message_created as Chatwoot sends it to an Agent Bot', () => {
    const c = emu.chatwoot.conversation({ contactId: 5, name: 'Ana', channel: 'Channel::Whatsapp' });
    const payload = emu.chatwoot.messageCreated(c.id, 'hola');
    expect(payload).toMatchObject({
      event: 'message_created',
      content: 'hola',
      message_type: 'incoming',
      private: false,
      account: { id: 1 },
      sender: { id: 5, name: 'Ana', type: 'contact' },
      conversation: { id: c.id, channel: 'Channel::Whatsapp', status: 'pending', meta: { sender: { id: 5 } } },
    });
    expect(emu.chatwoot.resolve(c.id)).toMatchObject({ event: 'conversation_resolved', id: c.id, status: 'resolved' });
  });

  it('keeps private notes, status and team of a conversation', async () => {
    const c = emu.chatwoot.conversation({ contactId: 6 });
    const base = `/api/v1/accounts/1/conversations/${c.id}`;
    expect((await post(`${base}/messages`, { content: 'nota', private: true }, token)).status).toBe(200);
    const toggled = await post(`${base}/toggle_status`, { status: 'open' }, token);
    expect(await toggled.json()).toEqual({
      meta: {},
      payload: { success: true, conversation_id: c.id, current_status: 'open' },
    });
    expect((await post(`${base}/assignments`, { team_id: 3 }, token)).status).toBe(200);
    expect(emu.chatwoot.get(c.id)).toMatchObject({
      status: 'open',
      teamId: 3,
      messages: [{ content: 'nota', private: true }],
    });
    expect((await post(`${base}/toggle_status`, { status: 'open' }, {})).status).toBe(401);
  });

  it('drops every connection while unreachable', async () => {
    emu.chatwoot.setReachable(false);
    await expect(post(chatwoot, { content: 'x' }, token)).rejects.toThrow();
    emu.chatwoot.setReachable(true);
    expect((await post(chatwoot, { content: 'x' }, token)).status).toBe(200);
  });
});
