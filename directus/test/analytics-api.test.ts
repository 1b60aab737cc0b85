import { ConversationReview, ConversationReviewList, CourseAnalytics } from '@aula/domain';
import { type AnalyticsSeed, seedAnalyticsCourse } from '@aula/test-stack';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, ok, tokens } from './helpers.ts';

/**
 * The studio's analytics over HTTP (decision 019): the aggregates of a small seeded class (six
 * students, two lessons; see @aula/test-stack's analytics-seed.ts) equal the hand computation below,
 * and only content managers and administrators may read them.
 */
type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
let seed: AnalyticsSeed;

beforeAll(async () => {
  t = await tokens();
  seed = await seedAnalyticsCourse(inject('stack').databaseUrl);
});

describe('GET /aula/courses/:id/analytics', () => {
  it('gives the figures of the hand computation', async () => {
    const a = CourseAnalytics.parse(await ok(t.editor, 'GET', `/aula/courses/${seed.courseId}/analytics`));
    // Enrolments: 2 on 2 March, 1 on the 3rd, none on the 4th, 3 on the 5th; Ana finished.
    expect(a.enrolments).toEqual({
      total: 6,
      completed: 1,
      unit: 'day',
      series: [
        { period: '2026-03-02', count: 2 },
        { period: '2026-03-03', count: 1 },
        { period: '2026-03-04', count: 0 },
        { period: '2026-03-05', count: 3 },
      ],
    });
    // Active minutes (gaps of 180 min or less): Ana 60, Bruno 85, Carla 20, Diego 70, Eva 30, Félix 10;
    // median of 10 20 30 60 70 85 = (30 + 60) / 2 = 45; total 275.
    expect(a.time).toEqual({ students: 6, medianMinutes: 45, totalMinutes: 275 });
    const [l1, l2] = a.lessons;
    // Lesson 1: done by the first five; gaps before completing it 20 30 15 45 20 → median 20.
    // Quiz 1: 7 attempts by 6 students; passed (best attempt ≥ 60): Ana 100, Bruno 67, Carla 67 and
    // Diego on his second try = 4; first attempts passed 3; first-attempt mean (100+67+67+33+33+33)/6 = 55.5.
    expect(l1).toMatchObject({
      completed: 5,
      medianMinutes: 20,
      quiz: { passScore: 60, attempts: 7, students: 6, passed: 4, firstAttemptPassed: 3, firstAttemptMeanScore: 55.5 },
    });
    // Lesson 2: Ana (25 min) and Bruno (40) → median 32.5; quiz 2: Ana 100, Bruno 50.
    expect(l2).toMatchObject({
      completed: 2,
      medianMinutes: 32.5,
      quiz: { attempts: 2, students: 2, passed: 1, firstAttemptPassed: 1, firstAttemptMeanScore: 75 },
    });
    // First attempts at quiz 1 (key 0 1 2): right/wrong per student
    //   Ana 1 1 1, Bruno 1 1 0, Carla 1 0 1, Diego 1 0 0, Eva 0 1 0, Félix 1 0 0.
    // Q1: x = 1 1 1 1 0 1, rest = 2 1 1 0 1 0: Sxy = 4 − 6·(5/6)(5/6) = −1/6, Sxx = 5/6, Syy = 17/6,
    //     r = −1/√85 = −0.108. Q2: x = 1 1 0 0 1 0, rest = 2 1 2 1 0 1: Sxy = −1/2, Sxx = 3/2,
    //     Syy = 17/6, r = −0.5/√4.25 = −0.243. Q3: x = 1 0 1 0 0 0, rest = 2 2 1 1 1 1: Sxy = 1/3,
    //     Sxx = 4/3, Syy = 4/3, r = 0.25.
    const q = a.questions.map(({ answered, difficulty, discrimination, chosen, flags }) => ({
      answered,
      difficulty,
      discrimination,
      chosen,
      flags,
    }));
    expect(q).toEqual([
      {
        answered: 6,
        difficulty: 0.833,
        discrimination: -0.108,
        chosen: [5, 1, 0, 0],
        flags: ['negative_discrimination'],
      },
      {
        answered: 6,
        difficulty: 0.5,
        discrimination: -0.243,
        chosen: [1, 3, 0, 2],
        flags: ['negative_discrimination'],
      },
      // Option D (3 students) chosen more than the key, C (2).
      { answered: 6, difficulty: 0.333, discrimination: 0.25, chosen: [1, 0, 2, 3], flags: ['distractor_beats_key'] },
      // Two answers only: no correlation (no spread) and too few to flag.
      { answered: 2, difficulty: 1, discrimination: null, chosen: [2, 0, 0, 0], flags: [] },
      { answered: 2, difficulty: 0.5, discrimination: null, chosen: [1, 1, 0, 0], flags: [] },
    ]);
    expect(a.questions[0]).toMatchObject({ correctOption: 0, section: 'que-es-una-variable', lessonId: l1?.id });
    // Wrong answers by section (every attempt): "Tipos de datos" Q2 3 + Q3 4 = 7; "Qué es una variable" 1
    // (Eva); "Repetir con while" 1 (Bruno). Tutor: Eva's "tipos de datos" (both keywords) and the
    // answer's citation of #que-es-una-variable; Bruno's "WHILE" (1 of 2 keywords) and the citation.
    expect(a.hotspots.map((h) => [h.lessonTitle, h.anchor, h.heading, h.wrongAnswers, h.tutorQuestions])).toEqual([
      ['Variables', 'tipos-de-datos', 'Tipos de datos', 7, 1],
      ['Variables', 'que-es-una-variable', 'Qué es una variable', 1, 1],
      ['Bucles', 'repetir-con-while', 'Repetir con while', 1, 1],
    ]);
    expect(a.queryMs).toBeGreaterThanOrEqual(0);
  });

  it('is for content managers and administrators only', async () => {
    const path = `/aula/courses/${seed.courseId}/analytics`;
    expect((await call(t.admin, 'GET', path)).status).toBe(200);
    for (const who of [t.student, t.generator, t.pipeline]) {
      const res = await call(who, 'GET', path);
      expect(res.status).toBe(403);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await call(null, 'GET', path)).status).toBe(401);
    expect((await call(t.editor, 'GET', '/aula/courses/00000000-0000-4000-8000-000000000000/analytics')).status).toBe(
      404,
    );
    expect((await call(t.editor, 'GET', '/aula/courses/not-an-id/analytics')).status).toBe(404);
  });
});

describe('the tutor conversations review', () => {
  const list = async (query = '') =>
    ConversationReviewList.parse(await ok(t.editor, 'GET', `/aula/courses/${seed.courseId}/conversations${query}`));
  const [bruno, eva] = [1, 4];

  it('lists, searches and filters the course conversations, newest first', async () => {
    const all = await list();
    expect(all.total).toBe(2);
    expect(all.conversations.map((c) => [c.student.name, c.messages, c.flagged])).toEqual([
      ['Eva Prueba', 2, true],
      ['Bruno Prueba', 2, false],
    ]);
    expect(all.students.map((s) => s.name)).toEqual(['Bruno Prueba', 'Eva Prueba']);
    expect(all.course).toEqual({ title: 'Analítica de prueba', language: 'es' });
    expect(all.lessons.map((l) => l.title)).toEqual(['Variables', 'Bucles']);
    expect((await list('?flagged=true')).conversations.map((c) => c.student.id)).toEqual([seed.students[eva]?.id]);
    expect((await list('?flagged=false')).conversations.map((c) => c.student.id)).toEqual([seed.students[bruno]?.id]);
    expect((await list('?q=while')).conversations.map((c) => c.title)).toEqual(['While o for']);
    expect((await list('?q=100%25')).total).toBe(0);
    expect((await list(`?lesson=${seed.lessons[1]?.id}`)).total).toBe(1);
    expect((await list(`?student=${seed.students[eva]?.id}`)).conversations[0]?.lessonTitle).toBe('Variables');
    expect((await call(t.editor, 'GET', `/aula/courses/${seed.courseId}/conversations?lesson=x`)).status).toBe(400);
  });

  it('shows one conversation, read-only, to staff only', async () => {
    const id = seed.conversations[1]?.id;
    const one = ConversationReview.parse(
      await ok(t.editor, 'GET', `/aula/courses/${seed.courseId}/conversations/${id}`),
    );
    expect(one.flagged).toBe(true);
    expect(one.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'stopped'],
    ]);
    expect((await call(t.student, 'GET', `/aula/courses/${seed.courseId}/conversations/${id}`)).status).toBe(403);
    expect((await call(t.student, 'GET', `/aula/courses/${seed.courseId}/conversations`)).status).toBe(403);
    // A conversation is only found under its own course.
    const other = '00000000-0000-4000-8000-000000000000';
    expect((await call(t.editor, 'GET', `/aula/courses/${other}/conversations/${id}`)).status).toBe(404);
  });
});
