import { holdWrites } from '@aula/test-stack';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { type AdminApi, adminApi, demoLessonOne } from './admin.ts';
import { askTutor, emulator, text, tutorStudent } from './tutor-helpers.ts';

/** Tutor rows are written without purging Directus's response cache (decision 017): read them fresh. */
const FRESH = { headers: { 'cache-control': 'no-store' } };

// POST /api/tutor/messages on the production build, against the real Directus test stack and the
// provider emulator (Groq first, Gemini as the fallback; see global-setup.ts).

let api: AdminApi;
let demo: Awaited<ReturnType<typeof demoLessonOne>>;
const emu = emulator();
const users: string[] = [];

const student = async () => {
  const s = await tutorStudent(api, demo.courseId);
  users.push(s.id);
  return s;
};
const assistantRows = (conversation: string) =>
  api.request<Record<string, any>[]>(
    'GET',
    `/items/tutor_messages?filter[conversation][_eq]=${conversation}&filter[role][_eq]=assistant&fields=content,status,provider,model,tokens_in,tokens_out,latency_ms,ttft_ms,error`,
    undefined,
    FRESH,
  );

beforeAll(async () => {
  api = await adminApi();
  demo = await demoLessonOne(api);
});
beforeEach(() => emu.reset());
afterAll(async () => {
  if (users.length > 0) await api.request('DELETE', '/users', users);
});

/** The student's enrolments removed (their next turn is refused: not enrolled). */
async function unenrol(userId: string) {
  const enrolments = await api.request<{ id: string }[]>(
    'GET',
    `/items/enrollments?filter[user][_eq]=${userId}&fields=id`,
  );
  await api.request(
    'DELETE',
    '/items/enrollments',
    enrolments.map((e) => e.id),
  );
}

/** The student submits the lesson's quiz with every answer wrong (so the tutor's context changes). */
async function submitWrongAnswers(token: string) {
  const [quiz] = await api.request<{ id: string }[]>(
    'GET',
    `/items/quizzes?filter[lesson][_eq]=${demo.lessonId}&fields=id`,
  );
  const submitted = await fetch(`${inject('web').directusUrl}/aula/quizzes/${quiz!.id}/attempts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ answers: demo.key.map((q) => (q.correct + 1) % 4) }),
  });
  expect(submitted.ok).toBe(true);
}

describe('POST /api/tutor/messages', () => {
  it('streams the answer incrementally (Bearer token) and records who answered, tokens and timings', async () => {
    const s = await student();
    await emu.script('groq', { chunks: ['¿Qué ', 'crees ', 'que ', 'hace ', 'print?'], chunkDelayMs: 150 });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: '¿Qué hace print?' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.events.map((e) => e.event)).toEqual([
      'conversation',
      'token',
      'token',
      'token',
      'token',
      'token',
      'end',
    ]);
    expect(text(res.events)).toBe('¿Qué crees que hace print?');
    const firstToken = res.events[1]!.at;
    const end = res.events.at(-1)!;
    // Tokens arrive as the provider sends them (150 ms apart), not all at the end.
    expect(end.at - firstToken).toBeGreaterThan(450);
    expect(end.data).toMatchObject({ provider: 'groq', model: 'llama-3.1-8b-instant' });
    expect(end.data.html).toBe('<p>¿Qué crees que hace print?</p>\n');
    const [row] = await assistantRows(res.events[0]!.data.conversationId);
    expect(row).toMatchObject({ content: '¿Qué crees que hace print?', status: 'complete', provider: 'groq' });
    expect(row!.tokens_in).toBeGreaterThan(100);
    expect(row!.tokens_out).toBeGreaterThan(0);
    expect(row!.ttft_ms).toBeGreaterThan(0);
    expect(row!.latency_ms).toBeGreaterThanOrEqual(600);
    // The model got the lesson on screen, and the student's words fenced as data.
    const [sent] = await emu.requests();
    const messages = (sent!.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages[0]!.role).toBe('system');
    expect(messages.at(-1)!.content).toMatch(/^<<<STUDENT \w+>>>\n¿Qué hace print\?\n<<<END STUDENT \w+>>>$/);
  });

  it('works with the session cookie, keeps the conversation, and shows it again (history)', async () => {
    const s = await student();
    await emu.script('groq', { text: 'Primera respuesta.' }, { text: 'Segunda respuesta.' });
    const first = await askTutor({ cookie: s.token }, { lessonId: demo.lessonId, message: 'Hola' });
    const conversationId = first.events[0]!.data.conversationId;
    const second = await askTutor(
      { cookie: s.token },
      { lessonId: demo.lessonId, conversationId, message: '¿Y ahora?' },
    );
    expect(second.events[0]!.data.conversationId).toBe(conversationId);
    expect(text(second.events)).toBe('Segunda respuesta.');
    const history = await fetch(`${inject('web').url}/api/tutor/conversations?lessonId=${demo.lessonId}`, {
      headers: { cookie: `aula_access=${s.token}` },
    });
    const { conversation } = await history.json();
    expect(conversation.id).toBe(conversationId);
    expect(conversation.messages.map((m: any) => [m.role, m.content || m.html])).toEqual([
      ['user', 'Hola'],
      ['assistant', '<p>Primera respuesta.</p>\n'],
      ['user', '¿Y ahora?'],
      ['assistant', '<p>Segunda respuesta.</p>\n'],
    ]);
    // The second request carried the first exchange.
    const requests = await emu.requests();
    const roles = (requests[1]!.body as { messages: { role: string }[] }).messages.map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it.each([
    ['no session', null, { message: 'hola' }, 401, /Sign in/],
    ['an empty message', 'student', { message: '   ' }, 400, /message is empty/],
    ['a message over 4000 characters', 'student', { message: 'x'.repeat(4001) }, 400, /longer than 4000/],
    ['a message that is not text', 'student', { message: 42 }, 400, /message must be text/],
    ['a lesson that does not exist', 'student', { message: 'hola', lessonId: crypto.randomUUID() }, 404, /No such/],
  ] as const)('answers %s with a clear %i', async (_, who, body, status, says) => {
    const auth = who ? { bearer: (await student()).token } : null;
    const res = await askTutor(auth, { lessonId: demo.lessonId, ...body });
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(res.json.errors[0].message).toMatch(says);
    expect(await emu.requests()).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await askTutor({ bearer: (await student()).token }, 'message=hola');
    expect(res.status).toBe(400);
  });

  it('the Gemini fallback answers when Groq says 429', async () => {
    const s = await student();
    await emu.script('groq', { status: 429 });
    await emu.script('gemini', { chunks: ['Respuesta ', 'de reserva.'] });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(text(res.events)).toBe('Respuesta de reserva.');
    expect(res.events.at(-1)).toMatchObject({ event: 'end', data: { provider: 'gemini' } });
    expect((await emu.requests()).map((r) => r.route)).toEqual(['groq', 'gemini']);
    const [row] = await assistantRows(res.events[0]!.data.conversationId);
    expect(row).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash-lite', status: 'complete' });
  });

  it('says the tutor is unavailable when every provider answers 500', async () => {
    const s = await student();
    await emu.script('groq', { status: 500 });
    await emu.script('gemini', { status: 500 });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(res.events.map((e) => e.event)).toEqual(['conversation', 'error']);
    expect(res.events[1]!.data).toMatchObject({ code: 'unavailable' });
    const [row] = await assistantRows(res.events[0]!.data.conversationId);
    expect(row).toMatchObject({ status: 'error', content: '' });
  });

  it('a provider that disconnects mid-stream gives an error event after the partial answer', async () => {
    const s = await student();
    await emu.script('groq', { chunks: ['Primera ', 'parte ', 'perdida'], disconnectAfterChunks: 2 });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(text(res.events)).toBe('Primera parte ');
    expect(res.events.at(-1)).toMatchObject({ event: 'error', data: { code: 'unavailable' } });
    const [row] = await assistantRows(res.events[0]!.data.conversationId);
    expect(row).toMatchObject({ status: 'error', content: 'Primera parte ' });
  });

  it('stop (the client aborts) closes the upstream provider request; the partial answer is kept', async () => {
    const s = await student();
    await emu.script('groq', { chunks: ['uno', ' dos', ' tres', ' cuatro', ' cinco', ' seis'], chunkDelayMs: 300 });
    const controller = new AbortController();
    const res = await askTutor(
      { bearer: s.token },
      { lessonId: demo.lessonId, message: 'cuenta' },
      { signal: controller.signal, onEvent: (e) => e.event === 'token' && controller.abort() },
    );
    expect(text(res.events)).toBe('uno');
    await vi.waitFor(async () => expect((await emu.requests())[0]?.closedEarly).toBe(true), { timeout: 15_000 });
    const conversationId = res.events[0]!.data.conversationId;
    await vi.waitFor(async () => expect(await assistantRows(conversationId)).toMatchObject([{ status: 'stopped' }]), {
      timeout: 15_000,
    });
    expect((await assistantRows(conversationId))[0]!.content).toMatch(/^uno/);
  });

  it("a student can neither post into nor read another student's conversation", async () => {
    const owner = await student();
    const other = await student();
    const first = await askTutor({ bearer: owner.token }, { lessonId: demo.lessonId, message: 'lo mío' });
    const conversationId = first.events[0]!.data.conversationId;
    const res = await askTutor(
      { bearer: other.token },
      { lessonId: demo.lessonId, conversationId, message: 'intruso' },
    );
    expect(res.status).toBe(404);
    const theirs = await fetch(`${inject('web').url}/api/tutor/conversations?lessonId=${demo.lessonId}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect((await theirs.json()).conversation).toBeNull();
    const rows = await api.request<{ content: string }[]>(
      'GET',
      `/items/tutor_messages?filter[conversation][_eq]=${conversationId}&filter[role][_eq]=user&fields=content`,
      undefined,
      FRESH,
    );
    expect(rows).toEqual([{ content: 'lo mío' }]);
  });

  it('the 9th message within a minute gets 429 with a clear message (limit 8 in this stack)', async () => {
    const s = await student();
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    for (let i = 0; i < 8; i++) {
      expect((await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: `p${i}` })).status).toBe(200);
    }
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'otra' });
    expect(res.status).toBe(429);
    expect(res.json.errors[0].message).toMatch(/up to 8 messages a minute/);
    expect(res.headers.get('retry-after')).toBe('60');
  }, 60_000);
});

describe('the provider call started while the course API checks the turn', () => {
  it('a refused turn (no longer enrolled) aborts it: the student gets the refusal and nothing of the call', async () => {
    const s = await student();
    const first = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(first.status).toBe(200);
    const conversationId = first.events[0]!.data.conversationId;
    await unenrol(s.id);
    await emu.reset();
    await emu.script('groq', { chunks: ['respuesta ', 'que ', 'no ', 'debe ', 'llegar'], delayMs: 1_500 });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, conversationId, message: 'otra' });
    expect(res.status).toBe(409);
    expect(res.events).toEqual([]);
    expect(JSON.stringify(res.json)).not.toContain('llegar');
    // The call that had started is closed unanswered (or had not even reached the provider).
    await vi.waitFor(async () => expect((await emu.requests()).every((r) => r.closedEarly)).toBe(true), {
      timeout: 15_000,
    });
    const rows = await api.request<{ role: string }[]>(
      'GET',
      `/items/tutor_messages?filter[conversation][_eq]=${conversationId}&fields=role&sort=date_created`,
      undefined,
      FRESH,
    );
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
  });

  it('a quiz submitted since the last answer: the early call is dropped, the answer knows the results', async () => {
    const s = await student();
    const first = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    const conversationId = first.events[0]!.data.conversationId;
    await submitWrongAnswers(s.token);
    await emu.reset();
    await emu.script('groq', { chunks: ['viejo'], delayMs: 1_500 }, { chunks: ['nuevo'] });
    const res = await askTutor(
      { bearer: s.token },
      { lessonId: demo.lessonId, conversationId, message: '¿Qué fallé?' },
    );
    expect(text(res.events)).toBe('nuevo');
    const sent = await emu.requests();
    expect(sent).toHaveLength(2);
    await vi.waitFor(async () => expect((await emu.requests())[0]?.closedEarly).toBe(true), { timeout: 15_000 });
    const system = (sent[1]!.body as { messages: { content: string }[] }).messages[0]!.content;
    expect(system).toContain('QUIZ RESULTS');
    expect(system).toContain('ANSWER KEY NOT REVEALED YET');
  });
});

describe('the first message asks ahead from the context the tutor panel read', () => {
  /** What the browser does when the tutor panel opens: the latest conversation (the context is read alongside). */
  const openPanel = async (token: string) => {
    const res = await fetch(`${inject('web').url}/api/tutor/conversations?lessonId=${demo.lessonId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { conversation: { id: string } | null };
  };
  /** When the course API stored the student's messages of a conversation (the turn's write), oldest first. */
  const storedAt = async (conversationId: string) =>
    (
      await api.request<{ date_created: string }[]>(
        'GET',
        `/items/tutor_messages?filter[conversation][_eq]=${conversationId}&filter[role][_eq]=user&fields=date_created&sort=date_created`,
        undefined,
        FRESH,
      )
    ).map((m) => Date.parse(m.date_created));

  /**
   * Runs `ask` while no tutor message can be stored, until the provider has received its
   * `providerCalls`-th request: a call asked ahead reaches it; one that waits for its turn never would.
   */
  const whileWritesHeld = async <T>(ask: () => Promise<T>, providerCalls: number): Promise<T> => {
    const release = await holdWrites(inject('stack').databaseUrl, 'tutor_messages');
    const answer = Promise.resolve().then(ask);
    answer.catch(() => {});
    try {
      await vi.waitFor(async () => expect(await emu.requests()).toHaveLength(providerCalls), { timeout: 15_000 });
    } finally {
      await release();
    }
    return answer;
  };

  it('a first message is answered by the call started before its turn was stored, with what the turn returned', async () => {
    const s = await student();
    expect((await openPanel(s.token)).conversation).toBeNull();
    await emu.script('groq', { chunks: ['Desde ', 'el ', 'principio.'] });
    // The provider has the question while the course API cannot store it: the call was asked ahead.
    const res = await whileWritesHeld(
      () => askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: '¿Qué es un programa?' }),
      1,
    );
    expect(res.status).toBe(200);
    expect(text(res.events)).toBe('Desde el principio.');
    const sent = await emu.requests();
    expect(sent).toHaveLength(1);
    // Asked with the turn's context (the lesson, the quiz without its key) and no history.
    const messages = (sent[0]!.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain(demo.key[0]!.prompt);
    expect(messages[0]!.content).not.toContain('QUIZ RESULTS');

    // Without the panel read (a token that opened no panel), the first message waits for its turn.
    const other = await student();
    await emu.reset();
    await emu.script('groq', { text: 'Después del turno.' });
    const late = await askTutor({ bearer: other.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(text(late.events)).toBe('Después del turno.');
    const [lateStored] = await storedAt(late.events[0]!.data.conversationId);
    expect((await emu.requests())[0]!.receivedAt).toBeGreaterThanOrEqual(lateStored!);
  });

  it('a first message whose turn is refused gets the refusal and no model text; the token asks nothing ahead until a turn is accepted', async () => {
    const s = await student();
    await openPanel(s.token);
    await unenrol(s.id);
    await emu.script('groq', { chunks: ['respuesta ', 'que ', 'no ', 'debe ', 'llegar'], delayMs: 1_500 });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(res.status).toBe(409);
    expect(res.events).toEqual([]);
    expect(JSON.stringify(res.json)).not.toContain('llegar');
    // The call that had started is closed unanswered (or had not even reached the provider).
    await vi.waitFor(async () => expect((await emu.requests()).every((r) => r.closedEarly)).toBe(true), {
      timeout: 15_000,
    });
    expect(
      await api.request('GET', `/items/tutor_conversations?filter[user][_eq]=${s.id}&fields=id`, undefined, FRESH),
    ).toEqual([]);

    // Enrolled again and the panel opened again: this token's next message still waits for its turn …
    const enrol = await fetch(`${inject('web').directusUrl}/aula/courses/${demo.courseId}/enroll`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(enrol.ok).toBe(true);
    await openPanel(s.token);
    await emu.reset();
    await emu.script('groq', { text: 'Primera.' }, { text: 'Segunda.' });
    const again = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: 'hola' });
    expect(text(again.events)).toBe('Primera.');
    const conversationId = again.events[0]!.data.conversationId;
    // … and once a turn is accepted, the next one asks ahead again.
    const [first] = await storedAt(conversationId);
    expect((await emu.requests())[0]!.receivedAt).toBeGreaterThanOrEqual(first!);
    const next = await whileWritesHeld(
      () => askTutor({ bearer: s.token }, { lessonId: demo.lessonId, conversationId, message: '¿Y?' }),
      2,
    );
    expect(text(next.events)).toBe('Segunda.');
    expect(await emu.requests()).toHaveLength(2);
  });

  it('a context that changed between the panel opening and the message (a quiz submitted) gets a fresh call', async () => {
    const s = await student();
    await openPanel(s.token);
    await submitWrongAnswers(s.token);
    await emu.script('groq', { chunks: ['viejo'], delayMs: 1_500 }, { chunks: ['nuevo'] });
    const res = await askTutor({ bearer: s.token }, { lessonId: demo.lessonId, message: '¿Qué fallé?' });
    expect(text(res.events)).toBe('nuevo');
    const sent = await emu.requests();
    expect(sent).toHaveLength(2);
    await vi.waitFor(async () => expect((await emu.requests())[0]?.closedEarly).toBe(true), { timeout: 15_000 });
    const system = (n: number) => (sent[n]!.body as { messages: { content: string }[] }).messages[0]!.content;
    // The call asked ahead had the context of the panel's opening; the answer is the fresh call's.
    expect(system(0)).not.toContain('QUIZ RESULTS');
    expect(system(1)).toContain('QUIZ RESULTS');
    expect(system(1)).toContain('ANSWER KEY NOT REVEALED YET');
    // What the dropped call was sent counts in the answer's input tokens.
    const [row] = await assistantRows(res.events[0]!.data.conversationId);
    const chars = (n: number) => JSON.stringify((sent[n]!.body as { messages: unknown[] }).messages).length;
    expect(row!.tokens_in).toBeGreaterThan((chars(0) + chars(1)) / 4 / 1.5);
  });
});
