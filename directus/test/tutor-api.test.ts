import { TutorContext, TutorConversation, TutorConversationList, TutorTurn } from '@aula/domain';
import { createSpendLedger, dailyCeiling } from '@aula/spend';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, demoCourse, ok, tokens, unique } from './helpers.ts';

/**
 * The tutor's side of the course API over HTTP: context (never the answer key before a submission),
 * conversations (own only; staff read all), turns and replies (only the web server, with its key,
 * stores the tutor's answers), and the per-student limits (6 messages a minute, 5000 tokens a day in
 * this stack, see global-setup.ts). Each test uses students of its own.
 */
type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
const demo = { course: '', lesson: '', quiz: '', secondLesson: '' };
let key: { correct_option: number; explanation: string; prompt: string }[] = [];
const created: string[] = [];
let studentRole = '';

const admin = (method: string, path: string, body?: unknown) => ok(t.admin, method, path, body);

/** A new student, signed in and enrolled in the demo course. */
async function newStudent(): Promise<{ id: string; token: string }> {
  const email = `${unique('tutor')}@example.com`;
  const password = 'Tutor-Password-2026!';
  const user = await admin('POST', '/users', { email, password, role: studentRole, first_name: 'Ana' });
  created.push(user.id);
  const login = await ok(null, 'POST', '/auth/login', { email, password });
  await ok(login.access_token, 'POST', `/aula/courses/${demo.course}/enroll`);
  return { id: user.id, token: login.access_token };
}

const turn = (token: string | null, body: unknown) => call(token, 'POST', '/aula/tutor/turns', body);
const reply = (token: string | null, conversation: string, body: unknown, serviceKey?: string) =>
  fetch(`${inject('stack').url}/aula/tutor/conversations/${conversation}/replies`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(serviceKey ? { 'x-aula-tutor-key': serviceKey } : {}),
    },
    body: JSON.stringify(body),
  });
const answer = { content: 'Piensa en qué guarda una variable.', status: 'complete', tokensIn: 10, tokensOut: 5 };

beforeAll(async () => {
  t = await tokens();
  [{ id: studentRole }] = await admin('GET', '/roles?filter[name][_eq]=Student&fields=id');
  const { course, lessons } = await demoCourse(t.admin);
  Object.assign(demo, { course, lesson: lessons[0]?.id, quiz: lessons[0]?.quiz, secondLesson: lessons[1]?.id });
  key = await admin(
    'GET',
    `/items/questions?filter[quiz][_eq]=${demo.quiz}&sort=sort,id&fields=prompt,correct_option,explanation&limit=-1`,
  );
});

afterAll(async () => {
  if (t && created.length > 0) await admin('DELETE', '/users', created);
});

describe('every tutor route', () => {
  it('refuses anonymous callers with 401', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['GET', `/aula/tutor/context?lesson=${demo.lesson}`],
      ['POST', '/aula/tutor/turns'],
      ['GET', `/aula/tutor/conversations?lesson=${demo.lesson}`],
      ['GET', `/aula/tutor/conversations/${none}`],
      ['POST', `/aula/tutor/conversations/${none}/replies`],
    ] as const) {
      expect((await call(null, method, path, method === 'POST' ? {} : undefined)).status, path).toBe(401);
    }
  });
});

describe('context', () => {
  it('needs an enrolment, and a lesson of a published course', async () => {
    expect((await call(t.student2, 'GET', '/aula/tutor/context?lesson=not-a-uuid')).status).toBe(404);
    const [draft] = await admin('GET', '/items/lessons?filter[course][status][_neq]=published&fields=id&limit=1');
    if (draft) expect((await call(t.student2, 'GET', `/aula/tutor/context?lesson=${draft.id}`)).status).toBe(404);
    const stranger = await admin('POST', '/users', {
      email: `${unique('stranger')}@example.com`,
      password: 'Tutor-Password-2026!',
      role: studentRole,
    });
    created.push(stranger.id);
    const login = await ok(null, 'POST', '/auth/login', {
      email: stranger.email,
      password: 'Tutor-Password-2026!',
    });
    expect((await call(login.access_token, 'GET', `/aula/tutor/context?lesson=${demo.lesson}`)).status).toBe(409);
  });

  it('has the lesson, the outline with what is done, the place, and the quiz without its key', async () => {
    const s = await newStudent();
    await ok(s.token, 'POST', `/aula/lessons/${demo.lesson}/complete`);
    const context = TutorContext.parse(await ok(s.token, 'GET', `/aula/tutor/context?lesson=${demo.secondLesson}`));
    expect(context.lesson.id).toBe(demo.secondLesson);
    expect(context.lesson.body.length).toBeGreaterThan(100);
    expect(context.course).toMatchObject({ id: demo.course, language: 'es' });
    expect(context.position).toBe(2);
    const lessons = context.outline.flatMap((m) => m.lessons);
    expect(lessons.length).toBe(context.total);
    expect(lessons.filter((l) => l.done).map((l) => l.id)).toEqual([demo.lesson]);

    const first = TutorContext.parse(await ok(s.token, 'GET', `/aula/tutor/context?lesson=${demo.lesson}`));
    expect(first.quiz).toMatchObject({ submitted: false });
    const json = JSON.stringify(first);
    expect(json).not.toMatch(/correct|explanation/i);
    for (const q of key) {
      expect(json).toContain(JSON.stringify(q.prompt).slice(1, -1));
      expect(json).not.toContain(q.explanation);
    }
  });

  it('after a failed submission under the default policy: which answers were wrong, never the key', async () => {
    const s = await newStudent();
    const wrong = key.map((q) => (q.correct_option + 1) % 4);
    await ok(s.token, 'POST', `/aula/quizzes/${demo.quiz}/attempts`, { answers: wrong });
    const context = TutorContext.parse(await ok(s.token, 'GET', `/aula/tutor/context?lesson=${demo.lesson}`));
    expect(context.quiz?.submitted).toBe(true);
    if (!context.quiz?.submitted) return;
    expect(context.quiz).toMatchObject({ passed: false, attempts: 1, keyShown: false, latest: { score: 0 } });
    context.quiz.latest.results.forEach((r, i) => {
      expect(r).toMatchObject({ correct: false, chosen: wrong[i], correctOption: null, explanation: null });
      expect(r.options).toHaveLength(4);
    });
    const json = JSON.stringify(context);
    for (const q of key) expect(json).not.toContain(q.explanation);
  });

  it('once the policy shows the key (a pass), has the latest results with the key and explanations', async () => {
    const s = await newStudent();
    const wrong = key.map((q) => (q.correct_option + 1) % 4);
    const right = key.map((q) => q.correct_option);
    await ok(s.token, 'POST', `/aula/quizzes/${demo.quiz}/attempts`, { answers: wrong });
    await ok(s.token, 'POST', `/aula/quizzes/${demo.quiz}/attempts`, { answers: right });
    const context = TutorContext.parse(await ok(s.token, 'GET', `/aula/tutor/context?lesson=${demo.lesson}`));
    if (!context.quiz?.submitted) throw new Error('the quiz should count as submitted');
    expect(context.quiz).toMatchObject({ passed: true, attempts: 2, keyShown: true, latest: { score: 100 } });
    context.quiz.latest.results.forEach((r, i) => {
      expect(r).toMatchObject({ correct: true, chosen: right[i], correctOption: key[i]!.correct_option });
      expect(r.explanation).toBe(key[i]!.explanation);
    });
  });
});

describe('turns, replies and conversations', () => {
  it('a turn stores the message in a new conversation; the next one brings the history', async () => {
    const s = await newStudent();
    const first = TutorTurn.parse((await turn(s.token, { lessonId: demo.lesson, message: '  ¿Qué es print?  ' })).data);
    expect(first.history).toEqual([]);
    expect(first.context.lesson.id).toBe(demo.lesson);
    const stored = await reply(s.token, first.conversationId, answer, inject('stack').tutorServiceKey);
    expect(stored.status).toBe(201);
    const second = TutorTurn.parse(
      (await turn(s.token, { lessonId: demo.lesson, conversationId: first.conversationId, message: '¿Y input?' })).data,
    );
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.history.map((m) => [m.role, m.content])).toEqual([
      ['user', '¿Qué es print?'],
      ['assistant', answer.content],
    ]);
    const conversation = TutorConversation.parse(
      await ok(s.token, 'GET', `/aula/tutor/conversations/${first.conversationId}`),
    );
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const [row] = await admin(
      'GET',
      `/items/tutor_messages?filter[conversation][_eq]=${first.conversationId}&filter[role][_eq]=assistant&fields=tokens_in,tokens_out,status`,
    );
    expect(row).toEqual({ tokens_in: 10, tokens_out: 5, status: 'complete' });
    const list = TutorConversationList.parse(
      await ok(s.token, 'GET', `/aula/tutor/conversations?lesson=${demo.lesson}`),
    );
    expect(list.conversations.map((c) => c.id)).toEqual([first.conversationId]);
  });

  it.each([
    ['an empty message', { message: '   ' }, 'message'],
    ['a message over 4000 characters', { message: 'a'.repeat(4001) }, 'message'],
    ['a message that is not text', { message: ['hola'] }, 'message'],
    ['a body with a role', { message: 'hola', role: 'assistant' }, '(body)'],
  ])('refuses %s with 400 and stores nothing', async (_, body, field) => {
    const s = await newStudent();
    const res = await turn(s.token, { lessonId: demo.lesson, ...body });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await admin('GET', `/items/tutor_conversations?filter[user][_eq]=${s.id}&fields=id`)).toEqual([]);
  });

  it("a student can neither read nor post into someone else's conversation; staff can read it", async () => {
    const owner = await newStudent();
    const other = await newStudent();
    const { conversationId } = TutorTurn.parse(
      (await turn(owner.token, { lessonId: demo.lesson, message: 'mi secreto' })).data,
    );
    expect((await call(other.token, 'GET', `/aula/tutor/conversations/${conversationId}`)).status).toBe(404);
    expect((await turn(other.token, { lessonId: demo.lesson, conversationId, message: 'intruso' })).status).toBe(404);
    const key = inject('stack').tutorServiceKey;
    expect((await reply(other.token, conversationId, answer, key)).status).toBe(404);
    expect((await call(other.token, 'GET', `/items/tutor_conversations/${conversationId}`)).status).toBe(403);
    const listed = await ok(other.token, 'GET', `/aula/tutor/conversations?lesson=${demo.lesson}`);
    expect(listed.conversations).toEqual([]);
    const messages = await admin(
      'GET',
      `/items/tutor_messages?filter[conversation][_eq]=${conversationId}&fields=content`,
    );
    expect(messages).toEqual([{ content: 'mi secreto' }]);
    const seen = await ok(t.editor, 'GET', `/aula/tutor/conversations/${conversationId}`);
    expect(seen.messages.map((m: { content: string }) => m.content)).toEqual(['mi secreto']);
  });

  it('a conversation stays with its lesson', async () => {
    const s = await newStudent();
    const { conversationId } = TutorTurn.parse((await turn(s.token, { lessonId: demo.lesson, message: 'hola' })).data);
    const res = await turn(s.token, { lessonId: demo.secondLesson, conversationId, message: 'otra' });
    expect(res.status).toBe(409);
  });

  it('only the web server, with its key, stores the tutor’s answers', async () => {
    const s = await newStudent();
    const { conversationId } = TutorTurn.parse((await turn(s.token, { lessonId: demo.lesson, message: 'hola' })).data);
    expect((await reply(s.token, conversationId, answer)).status).toBe(403);
    expect((await reply(s.token, conversationId, answer, 'x'.repeat(48))).status).toBe(403);
    expect(
      (
        await call(s.token, 'POST', '/items/tutor_messages', {
          conversation: conversationId,
          role: 'assistant',
          content: 'falso',
        })
      ).status,
    ).toBe(403);
    const rows = await admin('GET', `/items/tutor_messages?filter[conversation][_eq]=${conversationId}&fields=role`);
    expect(rows).toEqual([{ role: 'user' }]);
  });
});

describe('limits', () => {
  it('refuses the 7th message within a minute with 429 and a clear message', async () => {
    const s = await newStudent();
    // Six in the same minute: start early in one.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    for (let i = 0; i < 6; i++) {
      expect((await turn(s.token, { lessonId: demo.lesson, message: `pregunta ${i}` })).status).toBe(201);
    }
    const refused = await turn(s.token, { lessonId: demo.lesson, message: 'una más' });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.message).toMatch(/up to 6 messages a minute/);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const other = await newStudent();
    expect((await turn(other.token, { lessonId: demo.lesson, message: 'hola' })).status).toBe(201);
  }, 60_000);

  it('refuses messages once the day’s tokens are used', async () => {
    const s = await newStudent();
    const { conversationId } = TutorTurn.parse((await turn(s.token, { lessonId: demo.lesson, message: 'hola' })).data);
    const big = { ...answer, tokensIn: 4000, tokensOut: 1000 };
    expect((await reply(s.token, conversationId, big, inject('stack').tutorServiceKey)).status).toBe(201);
    const refused = await turn(s.token, { lessonId: demo.lesson, conversationId, message: 'otra' });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.message).toMatch(/today's tutor allowance/);
  });
});

describe('the site-wide daily tutor budget', () => {
  it('holds against parallel turns, and refuses the rest with a plain limit message until the next day', async () => {
    const stack = inject('stack');
    const redis = new Redis(stack.redisUrl);
    const ceiling = dailyCeiling(stack.redisPrefix, 'tutor', { maxUsd: 10, maxTokens: null });
    const ledger = createSpendLedger(redis);
    const clear = () => redis.del(ceiling.key, `${ceiling.key}:held`);
    try {
      await clear();
      // What one turn holds (its worst case at the dearest price of the chain), measured on the real thing.
      const probe = await newStudent();
      const message = '¿Qué hace print exactamente?';
      expect((await turn(probe.token, { lessonId: demo.lesson, message })).status).toBe(201);
      const perTurn = Math.round((await ledger.usage(ceiling)).heldUsd * 1e6);
      expect(perTurn).toBeGreaterThan(0);

      // The site has spent all of its US$10 but two and a half turns; six students ask at once.
      await clear();
      await redis.hset(ceiling.key, 'usd', String(10_000_000 - Math.floor(2.5 * perTurn)));
      const students = await Promise.all(Array.from({ length: 6 }, () => newStudent()));
      const answers = await Promise.all(students.map((s) => turn(s.token, { lessonId: demo.lesson, message })));
      expect(answers.map((a) => a.status).toSorted()).toEqual([201, 201, 429, 429, 429, 429]);
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.errors?.[0]?.message).toBe(
        'The tutor has reached what this site allows it to spend today. It will answer again after midnight (UTC).',
      );
      expect(refused.errors?.[0]?.extensions?.details?.[0]?.field).toBe('site_daily_budget');
      const usage = await ledger.usage(ceiling);
      expect(usage.usd + usage.heldUsd).toBeLessThanOrEqual(10);

      // An answer settles its turn: what it used counts, the rest of the hold is freed.
      const served = answers.findIndex((a) => a.status === 201);
      const { conversationId, userMessageId } = TutorTurn.parse(answers[served]!.data);
      const stored = await reply(
        students[served]!.token,
        conversationId,
        { ...answer, provider: 'groq', model: 'llama-3.1-8b-instant', userMessageId },
        stack.tutorServiceKey,
      );
      expect(stored.status).toBe(201);
      const after = await ledger.usage(ceiling);
      expect(after.heldUsd).toBeCloseTo(usage.heldUsd - perTurn / 1e6, 6);
      expect(after.usd).toBeCloseTo(usage.usd + (10 * 0.05 + 5 * 0.08) / 1e6, 6);
    } finally {
      await clear();
      await redis.quit();
    }
  });
});
