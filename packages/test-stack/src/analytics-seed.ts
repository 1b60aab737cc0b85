import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Learners' history written straight into the test database (enrolments, lesson completions, quiz
 * attempts as the course API grades them, tutor conversations) with chosen timestamps, for the
 * studio's analytics: the tests compare the figures with a hand computation from this data.
 */

const SECTIONS_1 = ['Qué es una variable', 'Tipos de datos'] as const;
const SECTIONS_2 = ['Recorrer listas con for', 'Repetir con while'] as const;
const body = (title: string, headings: readonly string[]) =>
  `${title} en pocas palabras.\n\n${headings.map((h) => `## ${h}\n\nUn párrafo sobre ${h.toLowerCase()}.\n`).join('\n')}`;

export type AnalyticsSeed = {
  courseId: string;
  courseSlug: string;
  lessons: { id: string; slug: string; quiz: string; questions: string[] }[];
  students: { id: string; name: string }[];
  conversations: { id: string; student: string; lesson: string }[];
};

/** The six students: first attempts at quiz 1 (key 0, 1, 2), as in the hand computation of the tests. */
const STUDENTS = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eva', 'Félix'] as const;
const FIRST_ANSWERS_1 = [
  [0, 1, 2],
  [0, 1, 0],
  [0, 0, 2],
  [0, 3, 3],
  [1, 1, 3],
  [0, 3, 3],
];

type Db = pg.Client;
const at = (day: number, hh: number, mm: number) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`;

async function insert(db: Db, table: string, row: Record<string, unknown>): Promise<string> {
  const id = (row.id as string | undefined) ?? randomUUID();
  const entries = Object.entries({ ...row, id });
  const cols = entries.map(([k]) => `"${k}"`).join(', ');
  const values = entries.map((_, i) => `$${i + 1}`).join(', ');
  await db.query(
    `INSERT INTO ${table} (${cols}) VALUES (${values})`,
    entries.map(([, v]) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)),
  );
  return id;
}

async function studentRole(db: Db): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM directus_roles WHERE name = 'Student'`);
  if (!rows[0]) throw new Error('no Student role: run the set-up first');
  return rows[0].id;
}

/** A published course of two lessons (two sections each), a quiz per lesson, and a small class's history. */
export async function seedAnalyticsCourse(
  databaseUrl: string,
  suffix = randomUUID().slice(0, 8),
): Promise<AnalyticsSeed> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const role = await studentRole(db);
    const slug = `analitica-${suffix}`;
    const course = await insert(db, 'courses', {
      status: 'published',
      title: 'Analítica de prueba',
      slug,
      summary: 'Un curso con historia para la analítica.',
      language: 'es',
      level: 'beginner',
      published_at: at(1, 9, 0),
    });
    const module = await insert(db, 'modules', { course, title: 'Módulo único', sort: 1 });
    const lessons: AnalyticsSeed['lessons'] = [];
    const specs = [
      { title: 'Variables', slug: 'variables', sections: SECTIONS_1, keys: [0, 1, 2], anchors: [0, 1, 1] },
      { title: 'Bucles', slug: 'bucles', sections: SECTIONS_2, keys: [0, 0], anchors: [0, 1] },
    ];
    for (const [i, spec] of specs.entries()) {
      const lesson = await insert(db, 'lessons', {
        course,
        module,
        slug: spec.slug,
        title: spec.title,
        body: body(spec.title, spec.sections),
        sort: i + 1,
        estimated_minutes: 10,
      });
      const quiz = await insert(db, 'quizzes', {
        course,
        lesson,
        title: `Cuestionario: ${spec.title}`,
        pass_score: 60,
        max_attempts: null,
        reveal_answers: 'after_passing',
        score_rule: 'best',
      });
      const questions: string[] = [];
      for (const [q, key] of spec.keys.entries()) {
        const heading = spec.sections[spec.anchors[q] ?? 0] ?? '';
        questions.push(
          await insert(db, 'questions', {
            quiz,
            sort: q + 1,
            prompt: `${spec.title}: pregunta ${q + 1}`,
            options: ['A', 'B', 'C', 'D'].map((o) => `Opción ${o}`),
            correct_option: key,
            explanation: 'Porque sí.',
            lesson_section: anchorOf(heading),
          }),
        );
      }
      lessons.push({ id: lesson, slug: spec.slug, quiz, questions });
    }
    const students: AnalyticsSeed['students'] = [];
    for (const name of STUDENTS) {
      const id = await insert(db, 'directus_users', {
        first_name: name,
        last_name: 'Prueba',
        email: `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}-${suffix}@example.com`,
        status: 'active',
        role,
      });
      students.push({ id, name: `${name} Prueba` });
    }
    const [l1, l2] = lessons as [AnalyticsSeed['lessons'][number], AnalyticsSeed['lessons'][number]];
    const s = students.map((x) => x.id);
    const enrolled = [at(2, 10, 0), at(2, 12, 0), at(3, 8, 0), at(5, 9, 0), at(5, 10, 0), at(5, 11, 0)];
    for (const [i, user] of s.entries()) {
      await insert(db, 'enrollments', {
        course,
        user,
        status: i === 0 ? 'completed' : 'active',
        completed_at: i === 0 ? at(2, 11, 0) : null,
        date_created: enrolled[i],
      });
    }
    const done = (user: string | undefined, lesson: string, when: string) =>
      insert(db, 'lesson_progress', { user, course, lesson, completed_at: when, date_created: when });
    const attempt = async (user: string | undefined, l: typeof l1, keys: number[], answers: number[], when: string) => {
      const results = answers.map((chosen, q) => ({
        questionId: l.questions[q],
        prompt: `pregunta ${q + 1}`,
        chosen,
        correctOption: keys[q],
        correct: chosen === keys[q],
        explanation: 'Porque sí.',
        lessonSection: anchorOf((l === l1 ? SECTIONS_1 : SECTIONS_2)[l === l1 ? ([0, 1, 1][q] ?? 0) : q] ?? ''),
      }));
      const score = Math.round((100 * results.filter((r) => r.correct).length) / results.length);
      await insert(db, 'quiz_attempts', {
        user,
        quiz: l.quiz,
        answers,
        results,
        score,
        passed: score >= 60,
        date_created: when,
      });
    };
    const k1 = [0, 1, 2];
    const k2 = [0, 0];
    // Ana: 20 + 10 + 25 + 5 = 60 active minutes.
    await done(s[0], l1.id, at(2, 10, 20));
    await attempt(s[0], l1, k1, FIRST_ANSWERS_1[0] ?? [], at(2, 10, 30));
    await done(s[0], l2.id, at(2, 10, 55));
    await attempt(s[0], l2, k2, [0, 0], at(2, 11, 0));
    // Bruno: 30 + 10, a night's break (not counted), then 40 + 5 = 85.
    await done(s[1], l1.id, at(2, 12, 30));
    await attempt(s[1], l1, k1, FIRST_ANSWERS_1[1] ?? [], at(2, 12, 40));
    const c1 = await insert(db, 'tutor_conversations', {
      user: s[1],
      course,
      lesson: l2.id,
      title: 'While o for',
      date_created: at(3, 9, 0),
      date_updated: at(3, 9, 1),
    });
    await insert(db, 'tutor_messages', {
      conversation: c1,
      role: 'user',
      content: '¿Cuándo uso WHILE en vez de un bucle normal?',
      status: 'complete',
      date_created: at(3, 9, 0),
    });
    await insert(db, 'tutor_messages', {
      conversation: c1,
      role: 'assistant',
      content: 'Cuando no sabes cuántas vueltas darás: mira [Repetir con while](#repetir-con-while).',
      status: 'complete',
      date_created: at(3, 9, 1),
    });
    await done(s[1], l2.id, at(3, 9, 40));
    await attempt(s[1], l2, k2, [0, 1], at(3, 9, 45));
    // Carla: 15 + 5 = 20.
    await done(s[2], l1.id, at(3, 8, 15));
    await attempt(s[2], l1, k1, FIRST_ANSWERS_1[2] ?? [], at(3, 8, 20));
    // Diego: 45 + 5 + 20 (a second attempt, all right) = 70.
    await done(s[3], l1.id, at(5, 9, 45));
    await attempt(s[3], l1, k1, FIRST_ANSWERS_1[3] ?? [], at(5, 9, 50));
    await attempt(s[3], l1, k1, [0, 1, 2], at(5, 10, 10));
    // Eva: asks the tutor (5), 20 + 5 = 30; the tutor's answer stopped short (a flagged conversation).
    const c2 = await insert(db, 'tutor_conversations', {
      user: s[4],
      course,
      lesson: l1.id,
      title: 'Tipos',
      date_created: at(5, 10, 5),
      date_updated: at(5, 10, 6),
    });
    await insert(db, 'tutor_messages', {
      conversation: c2,
      role: 'user',
      content: 'No entiendo los tipos de datos',
      status: 'complete',
      date_created: at(5, 10, 5),
    });
    await insert(db, 'tutor_messages', {
      conversation: c2,
      role: 'assistant',
      content: 'Empecemos por [Qué es una variable](#que-es-una-variable) y',
      status: 'stopped',
      date_created: at(5, 10, 6),
    });
    await done(s[4], l1.id, at(5, 10, 25));
    await attempt(s[4], l1, k1, FIRST_ANSWERS_1[4] ?? [], at(5, 10, 30));
    // Félix: straight to the quiz, 10.
    await attempt(s[5], l1, k1, FIRST_ANSWERS_1[5] ?? [], at(5, 11, 10));
    return {
      courseId: course,
      courseSlug: slug,
      lessons,
      students,
      conversations: [
        { id: c1, student: s[1] ?? '', lesson: l2.id },
        { id: c2, student: s[4] ?? '', lesson: l1.id },
      ],
    };
  } finally {
    await db.end();
  }
}

/** The heading anchor rule of @aula/domain, for the few plain headings of this seed. */
function anchorOf(heading: string): string {
  return heading
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/**
 * A course with `lessons` lessons (a 5-question quiz each) and `attempts` quiz attempts by
 * `attempts / 5` students (random answers, each student's attempts spread over the quizzes), with
 * their enrolments, lesson completions and one tutor exchange per student: the analytics benchmark's load.
 * Written with set-based SQL (generate_series), in a few seconds.
 */
export async function seedAnalyticsBulk(
  databaseUrl: string,
  { attempts, lessons = 5 }: { attempts: number; lessons?: number },
): Promise<{ courseId: string; students: number }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const role = await studentRole(db);
    const students = Math.max(1, Math.ceil(attempts / 5));
    const course = await insert(db, 'courses', {
      status: 'published',
      title: 'Analítica a escala',
      slug: `analitica-escala-${randomUUID().slice(0, 8)}`,
      language: 'es',
      level: 'beginner',
    });
    const module = await insert(db, 'modules', { course, title: 'Módulo', sort: 1 });
    for (let i = 0; i < lessons; i++) {
      const lesson = await insert(db, 'lessons', {
        course,
        module,
        slug: `leccion-${i + 1}`,
        title: `Lección ${i + 1}`,
        body: body(`Lección ${i + 1}`, ['Qué es una variable', 'Tipos de datos', 'Repetir con while']),
        sort: i + 1,
      });
      const quiz = await insert(db, 'quizzes', {
        course,
        lesson,
        title: `Cuestionario ${i + 1}`,
        pass_score: 60,
        reveal_answers: 'after_passing',
        score_rule: 'best',
      });
      for (let q = 0; q < 5; q++) {
        await insert(db, 'questions', {
          quiz,
          sort: q + 1,
          prompt: `Pregunta ${q + 1}`,
          options: ['A', 'B', 'C', 'D'],
          correct_option: q % 4,
          lesson_section: ['que-es-una-variable', 'tipos-de-datos', 'repetir-con-while'][q % 3],
        });
      }
    }
    await db.query('CREATE TEMP TABLE bulk_students (n int, id uuid) ON COMMIT PRESERVE ROWS');
    await db.query(`INSERT INTO bulk_students SELECT n, gen_random_uuid() FROM generate_series(1, $1::int) AS n`, [
      students,
    ]);
    await db.query(
      `INSERT INTO directus_users (id, first_name, email, status, role)
       SELECT id, 'Estudiante ' || n, 'bulk-' || id || '@example.com', 'active', $1 FROM bulk_students`,
      [role],
    );
    await db.query(
      `INSERT INTO enrollments (id, course, "user", status, date_created)
       SELECT gen_random_uuid(), $1, id, 'active', timestamptz '2026-01-01' + (n % 120) * interval '1 day' FROM bulk_students`,
      [course],
    );
    // Attempt k of a student (k = 0..4) is at quiz k mod lessons; each answer right with chance 0.6.
    await db.query(
      `WITH q AS (
         SELECT z.id AS quiz, row_number() OVER (ORDER BY l.sort) - 1 AS i,
                jsonb_agg(jsonb_build_object('id', qn.id, 'key', qn.correct_option, 'section', qn.lesson_section) ORDER BY qn.sort) AS items
         FROM quizzes z JOIN lessons l ON l.id = z.lesson JOIN questions qn ON qn.quiz = z.id
         WHERE z.course = $1 GROUP BY z.id, l.sort
       ), a AS (
         SELECT s.id AS "user", s.n, k, q.quiz, q.items,
                (SELECT jsonb_agg(CASE WHEN random() < 0.6 THEN (it->>'key')::int ELSE floor(random() * 4)::int END ORDER BY o)
                   FROM jsonb_array_elements(q.items) WITH ORDINALITY AS e(it, o)) AS answers
         FROM bulk_students s CROSS JOIN generate_series(0, 4) AS k
         JOIN q ON q.i = k % $2
         WHERE (s.n - 1) * 5 + k < $3
       ), graded AS (
         SELECT a.*, (SELECT jsonb_agg(jsonb_build_object(
                   'questionId', it->>'id', 'prompt', '', 'chosen', (a.answers->>(o::int - 1))::int,
                   'correctOption', (it->>'key')::int, 'correct', (a.answers->>(o::int - 1))::int = (it->>'key')::int,
                   'explanation', null, 'lessonSection', it->>'section') ORDER BY o)
                 FROM jsonb_array_elements(a.items) WITH ORDINALITY AS e(it, o)) AS results
         FROM a
       )
       INSERT INTO quiz_attempts (id, "user", quiz, answers, results, score, passed, date_created)
       SELECT gen_random_uuid(), "user", quiz, answers, results, sc, sc >= 60,
              timestamptz '2026-01-01' + (n % 120) * interval '1 day' + k * interval '20 minutes'
       FROM (SELECT g.*, round(100.0 * (SELECT count(*) FROM jsonb_array_elements(g.results) r WHERE (r->>'correct')::boolean)
                              / jsonb_array_length(g.results))::int AS sc FROM graded g) x`,
      [course, lessons, attempts],
    );
    await db.query(
      `INSERT INTO lesson_progress (id, "user", course, lesson, completed_at, date_created)
       SELECT gen_random_uuid(), s.id, $1, l.id, t, t FROM bulk_students s
       JOIN lessons l ON l.course = $1 AND l.sort <= 1 + s.n % $2
       CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01' + (s.n % 120) * interval '1 day' + l.sort * interval '15 minutes' AS t) x`,
      [course, lessons],
    );
    await db.query(
      `WITH c AS (
         INSERT INTO tutor_conversations (id, "user", course, lesson, title, date_created)
         SELECT gen_random_uuid(), s.id, $1, l.id, 'Duda', timestamptz '2026-01-01' + (s.n % 120) * interval '1 day'
         FROM bulk_students s JOIN lessons l ON l.course = $1 AND l.sort = 1 + s.n % $2 RETURNING id, date_created
       )
       INSERT INTO tutor_messages (id, conversation, role, content, status, date_created)
       SELECT gen_random_uuid(), c.id, m.role, m.content, 'complete', c.date_created + m.o * interval '1 minute' FROM c
       CROSS JOIN (VALUES (0, 'user', 'No entiendo los tipos de datos'),
                          (1, 'assistant', 'Mira [Tipos de datos](#tipos-de-datos).')) AS m(o, role, content)`,
      [course, lessons],
    );
    return { courseId: course, students };
  } finally {
    await db.end();
  }
}
