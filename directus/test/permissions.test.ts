import { beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, type Actor, call, ok, tokens, unique } from './helpers.ts';

/**
 * Who may do what, asserted over HTTP: c=create r=read u=update d=delete; a missing letter must be
 * refused (403). Row scoping (own rows, published only) and hidden fields are asserted further down.
 */
const MATRIX: Record<string, Partial<Record<Actor, string>>> = {
  courses: { anonymous: 'r', student: 'r', student2: 'r', editor: 'cru', generator: 'ru', pipeline: 'r' },
  modules: { anonymous: 'r', student: 'r', student2: 'r', editor: 'crud', generator: 'crud' },
  lessons: { anonymous: 'r', student: 'r', student2: 'r', editor: 'crud', generator: 'crud' },
  quizzes: { student: 'r', student2: 'r', editor: 'crud', generator: 'crud' },
  questions: { student: 'r', student2: 'r', editor: 'crud', generator: 'crud' },
  lesson_references: { student: 'r', student2: 'r', editor: 'crud', generator: 'crud' },
  enrollments: { student: 'r', student2: 'r', editor: 'r' },
  lesson_progress: { student: 'r', student2: 'r', editor: 'r' },
  quiz_attempts: { student: 'r', student2: 'r', editor: 'r' },
  tutor_conversations: { student: 'r', student2: 'r', editor: 'r' },
  tutor_messages: { student: 'r', student2: 'r', editor: 'r' },
  generation_runs: { editor: 'r', generator: 'ru', pipeline: 'r' },
  generation_steps: { editor: 'r', generator: 'cru' },
  topic_proposals: { editor: 'crud', pipeline: 'cru' },
  // The chat channels: only the course API (its use cases) reads and writes them; no role may.
  channel_links: {},
  channel_link_codes: {},
};

type Tokens = Awaited<ReturnType<typeof tokens>>;
type Fixtures = Record<string, string>;

let t: Tokens;
let f: Fixtures;
const userIds = { student: '', student2: '' };

const admin = (method: string, path: string, body?: unknown) => ok(t.admin, method, path, body);
const create = async (collection: string, body: Record<string, unknown>) =>
  (await admin('POST', `/items/${collection}`, body)).id as string;

async function fixtures(): Promise<Fixtures> {
  const me = async (token: string | null) => (await ok(token, 'GET', '/users/me?fields=id')).id as string;
  const [demo] = await admin(
    'GET',
    '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id,lessons.id,lessons.quizzes.id,lessons.quizzes.questions.id',
  );
  const pLesson = demo.lessons[0].id;
  const draft = await create('courses', { title: 'Borrador', slug: unique('borrador'), status: 'draft' });
  const draftModule = await create('modules', { course: draft, title: 'Módulo borrador' });
  const draftLesson = await create('lessons', {
    course: draft,
    module: draftModule,
    slug: 'leccion',
    title: 'Lección borrador',
    body: 'CUERPO SECRETO DEL BORRADOR',
  });
  const draftQuiz = await create('quizzes', { course: draft, lesson: draftLesson, title: 'Quiz borrador' });
  const open = await create('courses', { title: 'Otro curso', slug: unique('otro'), status: 'published' });
  Object.assign(userIds, { student: await me(t.student), student2: await me(t.student2) });
  const f: Fixtures = {
    demo: demo.id,
    pLesson,
    pQuiz: demo.lessons[0].quizzes[0].id,
    draft,
    draftModule,
    draftLesson,
    draftQuiz,
    open,
  };
  for (const who of ['student', 'student2'] as const) {
    const user = userIds[who];
    f[`${who}Enrollment`] = await create('enrollments', { course: demo.id, user });
    f[`${who}Progress`] = await create('lesson_progress', {
      course: demo.id,
      lesson: pLesson,
      user,
      completed_at: new Date().toISOString(),
    });
    f[`${who}Attempt`] = await create('quiz_attempts', {
      quiz: f.pQuiz,
      user,
      answers: [0, 1, 2, 3, 0],
      score: 40,
      passed: false,
    });
    f[`${who}Conversation`] = await create('tutor_conversations', {
      course: demo.id,
      lesson: pLesson,
      user,
      title: `de ${who}`,
    });
    f[`${who}Message`] = await create('tutor_messages', {
      conversation: f[`${who}Conversation`],
      role: 'user',
      content: `mensaje privado de ${who}`,
    });
    f[`${who}FailedAnswer`] = await create('tutor_messages', {
      conversation: f[`${who}Conversation`],
      role: 'assistant',
      content: 'Una respuesta a me',
      status: 'error',
      error: 'unavailable: 503 upstream https://internal-gpu.example:8000/v1 quota exceeded for org-secret',
      provider: 'openai',
      model: 'gpt-oss-20b',
    });
  }
  f.run = await create('generation_runs', { course: draft, request: { topic: 'Borrador' }, status: 'running' });
  return f;
}

/** A valid body for creating an item of `collection` as `actor`. */
async function newItem(collection: string, actor: Actor): Promise<Record<string, unknown>> {
  switch (collection) {
    case 'courses':
      return { title: 'Nuevo', slug: unique('nuevo'), language: 'es', level: 'beginner' };
    case 'modules':
      return { course: f.draft, title: 'Nuevo módulo' };
    case 'lessons':
      return { course: f.draft, module: f.draftModule, slug: unique('leccion'), title: 'Nueva' };
    case 'quizzes': {
      const lesson = await create('lessons', {
        course: f.draft,
        module: f.draftModule,
        slug: unique('l'),
        title: 'Para quiz',
      });
      return { course: f.draft, lesson, title: 'Nuevo quiz' };
    }
    case 'questions':
      return {
        quiz: f.draftQuiz,
        prompt: '¿?',
        options: ['a', 'b', 'c', 'd'],
        correct_option: 1,
        explanation: 'porque',
      };
    case 'lesson_references':
      return { lesson: f.draftLesson, url: 'https://docs.python.org/es/3/', title: 'Docs' };
    case 'enrollments':
      return { course: f.open };
    case 'lesson_progress':
      return { course: f.demo, lesson: f.pLesson, completed_at: new Date().toISOString() };
    case 'quiz_attempts':
      return { quiz: f.pQuiz, answers: [1, 1, 1, 1, 1], score: 100, passed: true };
    case 'tutor_conversations':
      return { course: f.demo, lesson: f.pLesson, title: 'Nueva conversación' };
    case 'tutor_messages':
      return {
        conversation: f[`${actor === 'student2' ? 'student2' : 'student'}Conversation`],
        role: 'assistant',
        content: 'falso',
      };
    case 'generation_runs':
      return { request: { topic: 'x' }, status: 'queued' };
    case 'generation_steps':
      return { run: f.run, kind: 'lesson', target: unique('t'), status: 'queued' };
    case 'topic_proposals':
      return { title: 'Propuesta', fingerprint: unique('fp') };
    case 'channel_links':
      return { user: userIds.student, provider: 'chatwoot', contact: unique('1:contact') };
    case 'channel_link_codes':
      return {
        user: userIds.student,
        code_hash: unique('hash'),
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      };
  }
  throw new Error(`no builder for ${collection}`);
}

/** The item `actor` would update (its own, where rows are scoped) and a field it is allowed to change. */
function updateTarget(collection: string, actor: Actor): [string | undefined, Record<string, unknown>] {
  const mine = actor === 'student2' ? 'student2' : 'student';
  switch (collection) {
    case 'courses':
      return [f.draft, { summary: 'actualizado' }];
    case 'modules':
      return [f.draftModule, { summary: 'actualizado' }];
    case 'lessons':
      return [f.draftLesson, { estimated_minutes: 12 }];
    case 'quizzes':
      return [f.draftQuiz, { pass_score: 80 }];
    case 'enrollments':
      return [f[`${mine}Enrollment`] as string, { last_lesson: f.pLesson }];
    case 'tutor_conversations':
      return [f[`${mine}Conversation`] as string, { title: 'renombrada' }];
    case 'lesson_progress':
    case 'quiz_attempts':
    case 'tutor_messages':
      return [
        f[
          `${mine}${{ lesson_progress: 'Progress', quiz_attempts: 'Attempt', tutor_messages: 'Message' }[collection]}`
        ] as string,
        {},
      ];
    case 'generation_runs':
      return [f.run, { progress_total: 5 }];
    default:
      return ['', {}];
  }
}

const cases = Object.entries(MATRIX).flatMap(([collection, row]) =>
  ACTORS.flatMap((actor) =>
    (['create', 'read', 'update', 'delete'] as const).map((action) => ({
      collection,
      actor,
      action,
      allowed: (row[actor] ?? '').includes(action[0] as string),
    })),
  ),
);

beforeAll(async () => {
  t = await tokens();
  f = await fixtures();
});

describe('permission matrix', () => {
  it.each(cases)('$actor $action $collection → allowed: $allowed', async ({ collection, actor, action, allowed }) => {
    const token = t[actor];
    let res: Awaited<ReturnType<typeof call>>;
    if (action === 'read') {
      res = await call(token, 'GET', `/items/${collection}?limit=5`);
    } else if (action === 'create') {
      res = await call(token, 'POST', `/items/${collection}`, await newItem(collection, actor));
    } else if (action === 'update') {
      let [id, body] = updateTarget(collection, actor);
      if (!id) {
        id = await create(collection, await newItem(collection, actor));
        body =
          collection === 'questions'
            ? { prompt: '¿editada?' }
            : collection === 'lesson_references'
              ? { title: 'editada' }
              : collection === 'generation_steps'
                ? { status: 'running' }
                : { title: 'editada' };
      }
      res = await call(token, 'PATCH', `/items/${collection}/${id}`, body);
    } else {
      const id = await create(collection, {
        ...(await newItem(collection, 'student')),
        ...(await ownerFor(collection)),
      });
      res = await call(token, 'DELETE', `/items/${collection}/${id}`);
    }
    const expected = allowed ? [200, 204] : [403];
    expect(expected, `${res.status} ${JSON.stringify(res.errors)}`).toContain(res.status);
  });
});

/** Rows that belong to someone need an owner when the administrator creates them. */
async function ownerFor(collection: string): Promise<Record<string, unknown>> {
  const user = userIds.student2;
  if (collection === 'enrollments') return { user, course: await create('courses', { title: 'x', slug: unique('x') }) };
  if (collection === 'lesson_progress') {
    return {
      user,
      lesson: await create('lessons', { course: f.draft, module: f.draftModule, slug: unique('l'), title: 'x' }),
    };
  }
  return ['quiz_attempts', 'tutor_conversations'].includes(collection) ? { user } : {};
}

describe('row and field scoping', () => {
  it('anonymous visitors and students never see a draft course, directly or through a relation', async () => {
    for (const actor of ['anonymous', 'student'] as const) {
      expect((await call(t[actor], 'GET', `/items/courses/${f.draft}`)).status).toBe(403);
      const courses = await ok(t[actor], 'GET', '/items/courses?fields=id&limit=-1');
      expect(courses.map((c: { id: string }) => c.id)).not.toContain(f.draft);
      const lessons = await ok(t[actor], 'GET', '/items/lessons?fields=id,title,course.title&limit=-1');
      expect(lessons.map((l: { id: string }) => l.id)).not.toContain(f.draftLesson);
      expect(JSON.stringify(lessons)).not.toContain('Borrador');
    }
    expect((await call(t.student, 'GET', `/items/lessons/${f.draftLesson}`)).status).toBe(403);
  });

  it('anonymous visitors read the outline of a published course but no lesson body and no quiz', async () => {
    expect((await call(null, 'GET', `/items/lessons/${f.pLesson}?fields=body`)).status).toBe(403);
    const lesson = await ok(null, 'GET', `/items/lessons/${f.pLesson}`);
    expect(lesson.title).toBeTruthy();
    expect(lesson).not.toHaveProperty('body');
  });

  it('students never read the answer key of a question, nor what the quiz checks found in it', async () => {
    for (const field of ['correct_option', 'explanation', 'check_flags']) {
      const res = await call(t.student, 'GET', `/items/questions?fields=${field}`);
      expect(res.status).toBe(403);
      const filtered = await call(t.student, 'GET', `/items/questions?filter[${field}][_nnull]=true`);
      expect(filtered.status).toBe(403);
    }
    const questions = await ok(t.student, 'GET', '/items/questions?limit=-1');
    expect(questions.length).toBeGreaterThanOrEqual(4);
    for (const q of questions) {
      expect(q).not.toHaveProperty('correct_option');
      expect(q).not.toHaveProperty('explanation');
      expect(q).not.toHaveProperty('check_flags');
    }
    const deep = await call(t.student, 'GET', `/items/quizzes/${f.pQuiz}?fields=questions.correct_option`);
    expect(deep.status).toBe(403);
  });

  it.each([
    ['enrollments', 'Enrollment'],
    ['lesson_progress', 'Progress'],
    ['quiz_attempts', 'Attempt'],
    ['tutor_conversations', 'Conversation'],
    ['tutor_messages', 'Message'],
  ])('a student sees only their own %s', async (collection, key) => {
    const rows = await ok(t.student, 'GET', `/items/${collection}?fields=id&limit=-1`);
    const ids = rows.map((r: { id: string }) => r.id);
    expect(ids).toContain(f[`student${key}`]);
    expect(ids).not.toContain(f[`student2${key}`]);
    expect((await call(t.student, 'GET', `/items/${collection}/${f[`student2${key}`]}`)).status).toBe(403);
  });

  it("a student never reads the provider's error text (or who answered) stored with a tutor answer", async () => {
    for (const field of ['error', 'provider', 'model', 'tokens_in']) {
      expect((await call(t.student, 'GET', `/items/tutor_messages?fields=${field}`)).status).toBe(403);
      expect((await call(t.student, 'GET', `/items/tutor_messages?filter[${field}][_nnull]=true`)).status).toBe(403);
    }
    const deep = await call(
      t.student,
      'GET',
      `/items/tutor_conversations/${f.studentConversation}?fields=messages.error`,
    );
    expect(deep.status).toBe(403);
    const answer = await ok(t.student, 'GET', `/items/tutor_messages/${f.studentFailedAnswer}`);
    expect(answer).toMatchObject({ role: 'assistant', status: 'error', content: 'Una respuesta a me' });
    expect(JSON.stringify(answer)).not.toMatch(/internal-gpu|quota|gpt-oss/);
    const all = await ok(t.student, 'GET', '/items/tutor_messages?fields=*,conversation.*&limit=-1');
    expect(JSON.stringify(all)).not.toMatch(/internal-gpu|quota|gpt-oss/);
    // Staff still read it, for quality review.
    expect((await ok(t.editor, 'GET', `/items/tutor_messages/${f.studentFailedAnswer}?fields=error`)).error).toMatch(
      /quota/,
    );
  });

  it("a student cannot change another student's enrollment or conversation", async () => {
    expect(
      (await call(t.student, 'PATCH', `/items/enrollments/${f.student2Enrollment}`, { last_lesson: f.pLesson })).status,
    ).toBe(403);
    expect(
      (await call(t.student, 'PATCH', `/items/tutor_conversations/${f.student2Conversation}`, { title: 'mía' })).status,
    ).toBe(403);
  });

  it('a student cannot write enrollments, progress or attempts directly (the course API does)', async () => {
    for (const [collection, body] of [
      ['enrollments', { course: f.open, user: userIds.student }],
      ['lesson_progress', { course: f.demo, lesson: f.pLesson, user: userIds.student }],
      ['quiz_attempts', { quiz: f.pQuiz, answers: [0], score: 100, passed: true, user: userIds.student }],
    ] as const) {
      expect((await call(t.student, 'POST', `/items/${collection}`, body)).status).toBe(403);
    }
    expect((await call(t.student, 'PATCH', `/items/quiz_attempts/${f.studentAttempt}`, { score: 100 })).status).toBe(
      403,
    );
  });

  it('nobody but an administrator manages users, roles or permissions', async () => {
    for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
      expect((await call(t[actor], 'POST', '/users', { email: `${actor}-x@example.com`, password: 'x' })).status).toBe(
        403,
      );
      expect((await call(t[actor], 'PATCH', `/users/${userIds.student2}`, { role: null })).status).toBe(403);
      expect((await call(t[actor], 'POST', '/roles', { name: 'Hack' })).status).toBe(403);
      expect((await call(t[actor], 'POST', '/policies', { name: 'Hack' })).status).toBe(403);
    }
    expect((await call(null, 'POST', '/users', { email: 'anon-x@example.com', password: 'x' })).status).toBe(403);
  });

  it('anyone can sign up, and lands in the Student role', async () => {
    const email = `${unique('nuevo')}@example.com`;
    expect((await call(null, 'POST', '/users/register', { email, password: 'Una-Clave-Larga-1' })).status).toBe(204);
    const login = await ok(null, 'POST', '/auth/login', { email, password: 'Una-Clave-Larga-1' });
    const [user] = await admin('GET', `/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=role.name`);
    expect(user.role.name).toBe('Student');
    expect((await call(login.access_token, 'GET', `/items/courses/${f.draft}`)).status).toBe(403);
  });
});
