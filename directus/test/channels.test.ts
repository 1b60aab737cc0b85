import { chatMessageJobId, chatReplyJobId, openChannelsQueue } from '@aula/jobs';
import { emulatorEnv } from '@aula/llm';
import { accessToken, startTestStack, type TestStack } from '@aula/test-stack';
import {
  type ChatEmulator,
  type ChatwootWebhookPayload,
  type Emulator,
  startChatEmulator,
  startProviderEmulator,
} from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The tutor on Telegram and WhatsApp through Chatwoot (issue 18), end to end: Directus with the course
 * API on a stack of its own (real PostgreSQL and Redis; the channels' jobs run in the course API), the
 * provider emulator as the model, and the Chatwoot emulator as Chatwoot (its Agent Bot webhook
 * payloads and Application API). The tests run in order: one student's story in one chat.
 */
const SECRET = 'chatwoot-webhook-secret-for-tests';
const TOKEN = 'chatwoot-bot-token';
const TEAM = 7;

let stack: TestStack;
let provider: Emulator;
let chat: ChatEmulator;
let queue: ReturnType<typeof openChannelsQueue>;
let student = '';
let other = '';
const lesson = { id: '', slug: 'variables-y-tipos-de-datos' };
let conversation = 0;

async function api(token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  return { status: res.status, data: 'data' in json ? json.data : json };
}

/** Chatwoot's Agent Bot delivering an event (the secret in the URL, as the bot's webhook URL carries it). */
async function deliver(payload: ChatwootWebhookPayload, secret: string | null = SECRET) {
  const query = secret === null ? '' : `?secret=${encodeURIComponent(secret)}`;
  const started = performance.now();
  const res = await fetch(`${stack.url}/aula/channels/chatwoot/webhook${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: await res.json(), ms: performance.now() - started };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The messages Aula posted in the conversation (answers and private notes), after the contact's `messageId`. */
const postedAfter = (messageId: number) => {
  const messages = chat.chatwoot.get(conversation)?.messages ?? [];
  const at = messages.findIndex((m) => m.id === messageId);
  return messages.slice(at + 1).filter((m) => m.messageType === 'outgoing');
};

/** Sends a contact's message and waits until its reply job has finished; returns what Aula posted for it. */
async function ask(content: string, conv = conversation) {
  const payload = chat.chatwoot.messageCreated(conv, content);
  const delivered = await deliver(payload);
  expect(delivered.status).toBe(200);
  const id = payload.id as number;
  const job = await until(`message job ${id}`, async () => {
    const j = await queue.getJob(chatMessageJobId(id));
    return j && (await j.isCompleted()) ? j : null;
  });
  const reply = await queue.getJob(chatReplyJobId(id));
  if (reply)
    await until(`reply job ${id}`, () =>
      reply.isCompleted().then((done) => done || reply.getState().then((s) => s === 'failed')),
    );
  const messages = chat.chatwoot.get(conv)?.messages ?? [];
  const at = messages.findIndex((m) => m.id === id);
  return { id, job, delivered, posted: messages.slice(at + 1).filter((m) => m.messageType === 'outgoing') };
}

beforeAll(async () => {
  provider = await startProviderEmulator();
  chat = await startChatEmulator({ chatwootToken: TOKEN, chatwootAccountId: 1 });
  const llm = emulatorEnv(provider.url);
  stack = await startTestStack({
    env: {
      ...(Object.fromEntries(Object.entries(llm).filter(([, v]) => v !== undefined)) as Record<string, string>),
      AULA_TUTOR_MESSAGES_PER_MINUTE: '100',
      AULA_CHATWOOT_URL: chat.url,
      AULA_CHATWOOT_API_TOKEN: TOKEN,
      AULA_CHATWOOT_ACCOUNT_ID: '1',
      AULA_CHATWOOT_WEBHOOK_SECRET: SECRET,
      AULA_CHATWOOT_TEAM_ID: String(TEAM),
      AULA_PUBLIC_URL: 'https://aula.example.org',
    },
  });
  queue = openChannelsQueue({ redisUrl: stack.redisUrl, prefix: stack.redisPrefix });
  const person = (email: string) => {
    const user = stack.users.find((u) => u.email === email)!;
    return accessToken(stack.url, { email, password: user.password ?? '' });
  };
  student = await person('student@example.com');
  other = await person('student2@example.com');
  const admin = await accessToken(stack.url, stack.admin);
  const [course] = (await api(admin, 'GET', '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id'))
    .data;
  const [row] = (await api(admin, 'GET', `/items/lessons?filter[slug][_eq]=${lesson.slug}&fields=id`)).data;
  lesson.id = row.id;
  expect((await api(student, 'POST', `/aula/courses/${course.id}/enroll`)).status).toBe(200);
  expect((await api(student, 'POST', `/aula/lessons/${lesson.id}/open`)).status).toBe(200);
  conversation = chat.chatwoot.conversation({ contactId: 501, name: 'Sofía (Telegram)' }).id;
}, 240_000);

afterAll(async () => {
  await queue?.close();
  await stack?.stop();
  await chat?.stop();
  await provider?.stop();
});

describe('the tutor through Chatwoot', () => {
  it('refuses a webhook without the right secret (401)', async () => {
    const payload = chat.chatwoot.messageCreated(conversation, 'hola');
    expect((await deliver(payload, null)).status).toBe(401);
    expect((await deliver(payload, 'wrong-secret-of-the-same-kind!!!!')).status).toBe(401);
    expect(await queue.getJob(chatMessageJobId(payload.id as number))).toBeUndefined();
  });

  it('tells an unlinked contact how to link, and nothing else', async () => {
    const { posted } = await ask('¿Qué es una variable?');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toContain('Mis cursos');
    expect(posted[0]!.private).toBe(false);
    expect(provider.requests).toHaveLength(0);
  });

  it('links the contact with a one-time code from "Mis cursos"', async () => {
    const code = await api(student, 'POST', '/aula/channels/link-codes');
    expect(code.status).toBe(201);
    expect(code.data.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const { posted } = await ask(code.data.code.toLowerCase());
    expect(posted[0]!.content).toContain('vinculado');
    const links = await api(student, 'GET', '/aula/channels/links');
    expect(links.data.links).toEqual([expect.objectContaining({ app: 'telegram', withPerson: false })]);
    expect((await api(other, 'GET', '/aula/channels/links')).data.links).toEqual([]);
    // Single use: the same code from another chat does not link it.
    const stranger = chat.chatwoot.conversation({ contactId: 777, channel: 'Channel::Whatsapp' }).id;
    const again = await ask(code.data.code, stranger);
    expect(again.posted[0]!.content).toContain('caducado');
  });

  it('answers a question with the lesson’s tutor, as plain text with a link, stored as a conversation', async () => {
    provider.script('groq', {
      chunks: ['**Una variable** es un nombre ', 'que guarda un valor. Mira [Variables](#variables).'],
    });
    const sent = performance.now();
    const { posted, delivered } = await ask('¿Qué es una variable?');
    const answered = performance.now() - sent;
    const url = `https://aula.example.org/cursos/primeros-pasos-con-python/lecciones/${lesson.slug}`;
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toBe(
      `Una variable es un nombre que guarda un valor. Mira Variables (${url}#variables).\n\nLa lección: ${url}`,
    );
    // The same conversation the web tutor shows for the lesson.
    const list = await api(student, 'GET', `/aula/tutor/conversations?lesson=${lesson.id}`);
    const stored = await api(student, 'GET', `/aula/tutor/conversations/${list.data.conversations[0].id}`);
    expect(stored.data.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', '¿Qué es una variable?'],
      ['assistant', '**Una variable** es un nombre que guarda un valor. Mira [Variables](#variables).'],
    ]);
    // The context was the lesson's: the model saw its text.
    expect(JSON.stringify(provider.requests.at(-1)?.body)).toContain('Variables');
    console.log(
      [
        'Transcript (Chatwoot emulator ⇄ course API ⇄ provider emulator):',
        '  student (Telegram): ¿Qué es una variable?',
        `  webhook answered ${delivered.status} in ${delivered.ms.toFixed(0)} ms ${JSON.stringify(delivered.body)}`,
        `  Aula → Chatwoot, ${answered.toFixed(0)} ms after the delivery: ${JSON.stringify(posted[0]!.content)}`,
      ].join('\n'),
    );
  });

  it('answers a delivery Chatwoot retries only once', async () => {
    provider.script('groq', { text: 'Un número entero no lleva decimales.' });
    const before = provider.requests.length;
    const payload = chat.chatwoot.messageCreated(conversation, '¿Qué es un int?');
    const first = await deliver(payload);
    const second = await deliver(payload);
    expect(first.body).toEqual({ accepted: true });
    expect(second.body).toEqual({ accepted: false, reason: 'duplicate' });
    const id = payload.id as number;
    await until('the answer', () => postedAfter(id).length > 0);
    const reply = (await queue.getJob(chatReplyJobId(id)))!;
    await until('the reply job', () => reply.isCompleted());
    const third = await deliver(payload);
    expect(third.body).toEqual({ accepted: false, reason: 'duplicate' });
    expect(postedAfter(id)).toHaveLength(1);
    expect(provider.requests.length - before).toBe(1);
  });

  it('hands the conversation to a person on request, and stays silent until it is resolved', async () => {
    const { posted } = await ask('Quiero hablar con una persona, por favor');
    const state = chat.chatwoot.get(conversation)!;
    expect(state.status).toBe('open');
    expect(state.teamId).toBe(TEAM);
    expect(posted.map((m) => m.private)).toEqual([false, true]);
    expect(posted[1]!.content).toContain('asked for a person');
    expect(posted[1]!.content).toContain('student@example.com');
    expect(posted[1]!.content).toContain('¿Qué es una variable?');
    expect((await api(student, 'GET', '/aula/channels/links')).data.links[0].withPerson).toBe(true);

    const before = provider.requests.length;
    const silent = await ask('¿Y qué es un float?');
    expect(silent.posted).toEqual([]);
    expect(await queue.getJob(chatReplyJobId(silent.id))).toBeUndefined();
    expect(provider.requests.length).toBe(before);
  });

  it('speaks again once a person resolves the conversation', async () => {
    const resolved = await deliver(chat.chatwoot.resolve(conversation));
    expect(resolved.body).toEqual({ accepted: true });
    expect((await api(student, 'GET', '/aula/channels/links')).data.links[0].withPerson).toBe(false);
    provider.script('groq', { text: 'Un float tiene decimales, como 3.5.' });
    const { posted } = await ask('¿Y qué es un float?');
    expect(posted[0]!.content).toContain('Un float tiene decimales');
  });

  it('takes a word that only looks like a code, from a linked contact, as a question', async () => {
    provider.script('groq', { text: 'Entender una variable es saber qué guarda.' });
    const { posted } = await ask('ENTENDER');
    expect(posted[0]!.content).toContain('Entender una variable');
  });

  it('hands over after three unsure or off-topic answers in a row', async () => {
    const offTopic = { text: 'Lo siento, solo puedo ayudarte con este curso. ¿Quieres repasar las variables?' };
    provider.script('groq', offTopic, offTopic, offTopic);
    expect((await ask('¿Quién ganó el mundial?')).posted).toHaveLength(1);
    expect((await ask('¿Y el de 2010?')).posted).toHaveLength(1);
    const third = await ask('¿Y el de 2014?');
    expect(third.posted.map((m) => m.private)).toEqual([false, false, true]);
    expect(third.posted[2]!.content).toContain('unsure or off-topic three times');
    expect(chat.chatwoot.get(conversation)!.status).toBe('open');
    await deliver(chat.chatwoot.resolve(conversation));
  });

  it('keeps the answer while Chatwoot is unreachable and sends it when it is back', async () => {
    provider.script('groq', { text: 'Con type() ves el tipo de un valor.' });
    chat.chatwoot.setReachable(false);
    const payload = chat.chatwoot.messageCreated(conversation, '¿Cómo veo el tipo de un valor?');
    expect((await deliver(payload)).status).toBe(200);
    const id = payload.id as number;
    const reply = await until('a failed attempt to reach Chatwoot', async () => {
      const job = await queue.getJob(chatReplyJobId(id));
      return job && job.attemptsMade >= 1 ? job : null;
    });
    expect(await reply.isCompleted()).toBe(false);
    expect(postedAfter(id)).toEqual([]);
    chat.chatwoot.setReachable(true);
    await until('the answer once Chatwoot is back', () => postedAfter(id).length > 0, 60_000);
    expect(postedAfter(id)[0]!.content).toContain('Con type() ves el tipo');
  }, 90_000);

  it('unlinks from the chat (/desvincular) and from the web', async () => {
    expect((await ask('/desvincular')).posted[0]!.content).toContain('ya no está vinculado');
    expect((await api(student, 'GET', '/aula/channels/links')).data.links).toEqual([]);
    expect((await ask('¿Sigues ahí?')).posted[0]!.content).toContain('Mis cursos');

    const code = await api(student, 'POST', '/aula/channels/link-codes');
    await ask(code.data.code);
    const [link] = (await api(student, 'GET', '/aula/channels/links')).data.links;
    expect((await api(other, 'POST', `/aula/channels/links/${link.id}/unlink`)).status).toBe(404);
    expect((await api(student, 'POST', `/aula/channels/links/${link.id}/unlink`)).data).toEqual({ unlinked: true });
    expect((await ask('hola')).posted[0]!.content).toContain('Mis cursos');
  });
  it('stops checking the codes of a contact that sent ten wrong ones this hour', async () => {
    const guesser = chat.chatwoot.conversation({ contactId: 909, name: 'Guesser' }).id;
    for (let i = 0; i < 10; i++) {
      const { posted } = await ask(`ABCD-${'EFGHJKLM'[i % 8]}${'23456789'[i % 8]}XY`, guesser);
      expect(posted[0]!.content).toContain('Ese código no sirve');
    }
    const code = await api(student, 'POST', '/aula/channels/link-codes');
    expect((await ask(code.data.code, guesser)).posted[0]!.content).toContain('Demasiados códigos incorrectos');
    // The right code was not even looked at: still unused, it links the student's own chat.
    expect((await ask(code.data.code)).posted[0]!.content).toContain('este chat está vinculado');
  });
  it('never names a lesson of a course that is not published, even one the student is enrolled in', async () => {
    const admin = await accessToken(stack.url, stack.admin);
    const draft = (
      await api(admin, 'POST', '/items/courses', {
        title: 'Curso en borrador',
        slug: `borrador-${Date.now().toString(36)}`,
        status: 'draft',
        language: 'es',
        level: 'beginner',
      })
    ).data;
    const module = (await api(admin, 'POST', '/items/modules', { course: draft.id, title: 'Módulo' })).data;
    await api(admin, 'POST', '/items/lessons', {
      course: draft.id,
      module: module.id,
      slug: 'secreta',
      title: 'Lección secreta del borrador',
    });
    const me = (await api(student, 'GET', '/users/me?fields=id')).data;
    expect((await api(admin, 'POST', '/items/enrollments', { user: me.id, course: draft.id })).status).toBe(200);
    const { posted } = await ask('/leccion secreta del borrador');
    expect(posted[0]!.content).toContain('No encuentro esa lección');
    expect(posted[0]!.content).not.toContain('secreta');
  });
});
