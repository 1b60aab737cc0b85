import {
  Enrollment,
  LessonCompletion,
  LessonOpened,
  MyProgress,
  QuizAttemptList,
  QuizAttemptResult,
} from '@aula/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoCourse, ok, tokens, unique } from './helpers.ts';

/**
 * The learner side of the course API over HTTP: enrolment, lesson progress, quiz attempts graded on
 * the server, progress. Other test files share this Directus (permissions.test.ts gives the seeded
 * students rows in the demo course), so the students' rows in the demo course are cleared before and
 * after; courses this file changes are its own and are deleted afterwards.
 */
type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
const ids = { student: '', student2: '' };
const demo = { course: '', lesson: '', second: '', quiz: '', lessons: 0 };
const own = { draft: '', draftLesson: '', draftQuiz: '', mini: '', miniLesson: '', miniQuiz: '' };
let key: { id: string; correct_option: number; explanation: string }[] = [];

const admin = (method: string, path: string, body?: unknown) => ok(t.admin, method, path, body);
const create = async (collection: string, body: Record<string, unknown>) =>
  (await admin('POST', `/items/${collection}`, body)).id as string;

/** A course with one lesson whose quiz has two questions (the right answers are 1 and 2); `policy`: quiz columns. */
async function createCourse(status: 'draft' | 'published', policy: Record<string, unknown> = {}) {
  const course = await create('courses', { title: `Curso ${status}`, slug: unique(status), status });
  const module = await create('modules', { course, title: 'Módulo', sort: 1 });
  const lesson = await create('lessons', { course, module, slug: 'l1', title: 'Lección', body: '# Hola', sort: 1 });
  const quiz = await create('quizzes', { course, lesson, title: 'Quiz', pass_score: 50, ...policy });
  for (const [i, correct] of [1, 2].entries()) {
    await create('questions', {
      quiz,
      sort: i + 1,
      prompt: `¿Pregunta ${i + 1}?`,
      options: ['a', 'b', 'c', 'd'],
      correct_option: correct,
      explanation: `Porque ${correct}.`,
    });
  }
  return { course, lesson, quiz };
}

/** Query string: rows of the two seeded students. */
let learners = '';

/** Removes the seeded students' enrollments, progress and attempts in the demo course. */
async function clearDemoLearners() {
  for (const [collection, course] of [
    ['quiz_attempts', 'filter[quiz][course][_eq]'],
    ['lesson_progress', 'filter[course][_eq]'],
    ['enrollments', 'filter[course][_eq]'],
  ] as const) {
    const rows = await admin('GET', `/items/${collection}?${learners}&${course}=${demo.course}&fields=id`);
    if (rows.length > 0)
      await admin(
        'DELETE',
        `/items/${collection}`,
        rows.map((r: { id: string }) => r.id),
      );
  }
}

beforeAll(async () => {
  t = await tokens();
  ids.student = (await ok(t.student, 'GET', '/users/me?fields=id')).id;
  ids.student2 = (await ok(t.student2, 'GET', '/users/me?fields=id')).id;
  learners = `filter[user][_in]=${ids.student},${ids.student2}&limit=-1`;
  const { course, lessons } = await demoCourse(t.admin);
  Object.assign(demo, {
    course,
    lesson: lessons[0]?.id,
    second: lessons[1]?.id,
    quiz: lessons[0]?.quiz,
    lessons: lessons.length,
  });
  key = await admin(
    'GET',
    `/items/questions?filter[quiz][_eq]=${demo.quiz}&sort=sort,id&fields=id,correct_option,explanation&limit=-1`,
  );
  await clearDemoLearners();
  const draft = await createCourse('draft');
  const mini = await createCourse('published');
  Object.assign(own, { draft: draft.course, draftLesson: draft.lesson, draftQuiz: draft.quiz });
  Object.assign(own, { mini: mini.course, miniLesson: mini.lesson, miniQuiz: mini.quiz });
});

afterAll(async () => {
  if (!t) return;
  await clearDemoLearners();
  for (const course of [own.draft, own.mini].filter(Boolean)) await admin('DELETE', `/items/courses/${course}`);
});

const right = () => key.map((q) => q.correct_option);
const wrong = () => key.map((q) => (q.correct_option + 1) % 4);

describe('every learner route', () => {
  it('refuses anonymous callers with 401', async () => {
    for (const [method, path] of [
      ['POST', `/aula/courses/${demo.course}/enroll`],
      ['POST', `/aula/lessons/${demo.lesson}/complete`],
      ['POST', `/aula/lessons/${demo.lesson}/open`],
      ['POST', `/aula/quizzes/${demo.quiz}/attempts`],
      ['GET', `/aula/quizzes/${demo.quiz}/attempts`],
      ['GET', '/aula/me/progress'],
    ] as const) {
      expect((await call(null, method, path, method === 'POST' ? { answers: right() } : undefined)).status).toBe(401);
    }
  });

  it('answers 404 for ids that are not UUIDs, unknown ids, and anything in a draft course', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    for (const id of ['not-a-uuid', none, own.draft]) {
      expect((await call(t.student, 'POST', `/aula/courses/${id}/enroll`)).status).toBe(404);
    }
    for (const id of ['not-a-uuid', none, own.draftLesson]) {
      expect((await call(t.editor, 'POST', `/aula/lessons/${id}/complete`)).status).toBe(404);
    }
    for (const id of ['not-a-uuid', none, own.draftQuiz]) {
      expect((await call(t.student, 'POST', `/aula/quizzes/${id}/attempts`, { answers: [1, 2] })).status).toBe(404);
      expect((await call(t.student, 'GET', `/aula/quizzes/${id}/attempts`)).status).toBe(404);
    }
    expect((await call(t.student, 'GET', '/aula/me/progress?course=not-a-uuid')).status).toBe(404);
  });
});

describe('enrolment and lesson progress', () => {
  it('needs an enrolment before a lesson can be completed or a quiz taken', async () => {
    const res = await call(t.student, 'POST', `/aula/lessons/${demo.lesson}/complete`);
    expect(res.status).toBe(409);
    expect(res.errors?.[0]?.message).toBe('Enrol in the course first.');
    expect((await call(t.student, 'POST', `/aula/quizzes/${demo.quiz}/attempts`, { answers: right() })).status).toBe(
      409,
    );
  });

  it('enrols once, however often it is asked', async () => {
    const first = Enrollment.parse(await ok(t.student, 'POST', `/aula/courses/${demo.course}/enroll`));
    expect(first).toMatchObject({ courseId: demo.course, status: 'active' });
    expect(await ok(t.student, 'POST', `/aula/courses/${demo.course}/enroll`)).toEqual(first);
    const rows = await admin('GET', `/items/enrollments?${learners}&filter[course][_eq]=${demo.course}&fields=id,user`);
    expect(rows).toEqual([{ id: first.enrollmentId, user: ids.student }]);
  });

  it('keeps one enrolment when requests race, and lets staff enrol too', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => ok(t.student2, 'POST', `/aula/courses/${own.mini}/enroll`)));
    expect(new Set(all.map((e) => e.enrollmentId)).size).toBe(1);
    const rows = await admin('GET', `/items/enrollments?filter[course][_eq]=${own.mini}&fields=user&limit=-1`);
    expect(rows).toEqual([{ user: ids.student2 }]);
    expect((await call(t.editor, 'POST', `/aula/courses/${own.mini}/enroll`)).status).toBe(200);
  });

  it('completes a lesson once, keeps the first date, and remembers it as the last lesson', async () => {
    const done = LessonCompletion.parse(await ok(t.student, 'POST', `/aula/lessons/${demo.lesson}/complete`));
    expect(done).toMatchObject({ lessonId: demo.lesson, courseId: demo.course });
    expect(done.progress).toMatchObject({ lessonsDone: [demo.lesson], lastLessonId: demo.lesson, status: 'active' });
    const again = await ok(t.student, 'POST', `/aula/lessons/${demo.lesson}/complete`);
    expect(again.completedAt).toBe(done.completedAt);
    const rows = await admin(
      'GET',
      `/items/lesson_progress?${learners}&filter[course][_eq]=${demo.course}&fields=user`,
    );
    expect(rows).toEqual([{ user: ids.student }]);
    const [enrollment] = await admin(
      'GET',
      `/items/enrollments?filter[user][_eq]=${ids.student}&filter[course][_eq]=${demo.course}&fields=last_lesson`,
    );
    expect(enrollment.last_lesson).toBe(demo.lesson);
  });

  it("remembers the lesson opened only in the caller's own enrolment in that lesson's course", async () => {
    const lastLessons = async () =>
      Object.fromEntries(
        (
          await admin(
            'GET',
            `/items/enrollments?filter[course][_in]=${demo.course},${own.mini}&fields=user,course,last_lesson&limit=-1`,
          )
        ).map((e: { user: string; course: string; last_lesson: string | null }) => [
          `${e.user === ids.student ? 'student' : e.user === ids.student2 ? 'student2' : 'staff'}:${e.course === demo.course ? 'demo' : 'mini'}`,
          e.last_lesson,
        ]),
      );
    const opened = LessonOpened.parse(await ok(t.student, 'POST', `/aula/lessons/${demo.second}/open`));
    expect(opened).toEqual({ lessonId: demo.second, courseId: demo.course, recorded: true });
    expect(await lastLessons()).toMatchObject({ 'student:demo': demo.second, 'student2:mini': null });

    // A lesson of a course the student is not enrolled in touches no enrolment, the demo one included.
    expect(await ok(t.student, 'POST', `/aula/lessons/${own.miniLesson}/open`)).toMatchObject({ recorded: false });
    expect((await call(t.student, 'POST', `/aula/lessons/${own.draftLesson}/open`)).status).toBe(404);
    // Nor can the student point the enrolment anywhere directly.
    const [mine] = await ok(t.student, 'GET', `/items/enrollments?filter[course][_eq]=${demo.course}&fields=id`);
    const direct = await call(t.student, 'PATCH', `/items/enrollments/${mine.id}`, { last_lesson: own.miniLesson });
    expect(direct.status).toBe(403);

    // Staff opening lessons change only their own enrolment (the editor enrolled in the mini course above).
    expect(await ok(t.admin, 'POST', `/aula/lessons/${demo.lesson}/open`)).toMatchObject({ recorded: false });
    expect(await ok(t.editor, 'POST', `/aula/lessons/${demo.lesson}/open`)).toMatchObject({ recorded: false });
    expect(await ok(t.editor, 'POST', `/aula/lessons/${own.miniLesson}/open`)).toMatchObject({ recorded: true });
    expect(await lastLessons()).toEqual({
      'student:demo': demo.second,
      'student2:mini': null,
      'staff:mini': own.miniLesson,
    });
  });
});

describe('quiz attempts', () => {
  const submit = (token: string | null, answers: unknown, extra = {}) =>
    call(token, 'POST', `/aula/quizzes/${demo.quiz}/attempts`, { answers, ...extra });

  it.each([
    ['too few answers', () => right().slice(1), 'answers'],
    ['too many answers', () => [...right(), 0], 'answers'],
    ['an option out of range', () => right().map(() => 4), 'answers.0'],
    ['no answers at all', () => undefined, 'answers'],
  ])('rejects %s with 400 naming the field, and stores nothing', async (_, answers, field) => {
    const res = await submit(t.student, answers());
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await admin('GET', `/items/quiz_attempts?${learners}&filter[quiz][_eq]=${demo.quiz}&fields=id`)).toEqual([]);
  });

  it('refuses a body that tries to set the score or the owner', async () => {
    const res = await submit(t.student, right(), { score: 100, passed: true, user: ids.student2 });
    expect(res.status).toBe(400);
    expect(await admin('GET', `/items/quiz_attempts?${learners}&filter[quiz][_eq]=${demo.quiz}&fields=id`)).toEqual([]);
  });

  it('under the default policy: wrong answers and sections at once, the key only once passed, three attempts, the best counts', async () => {
    const failed = QuizAttemptResult.parse((await submit(t.student, wrong())).data);
    expect(failed).toMatchObject({ quizId: demo.quiz, lessonId: demo.lesson, score: 0, passed: false });
    expect(failed).toMatchObject({ bestScore: 0, attempts: 1, attemptsLeft: 2, passScore: 70, keyShown: false });
    expect(failed.policy).toEqual({ maxAttempts: 3, revealAnswers: 'after_passing', scoreRule: 'best', passScore: 70 });
    expect(failed.results).toHaveLength(key.length);
    failed.results.forEach((r, i) => {
      expect(r).toMatchObject({ questionId: key[i]!.id, correct: false, correctOption: null, explanation: null });
      expect(r.chosen).toBe(wrong()[i]);
      expect(r.prompt.length).toBeGreaterThan(0);
    });
    expect(failed.results.some((r) => r.lessonSection)).toBe(true);
    // Nor does the list of attempts, nor the stored row read directly, hand the key out before a pass.
    const before = QuizAttemptList.parse(await ok(t.student, 'GET', `/aula/quizzes/${demo.quiz}/attempts`));
    expect(before).toMatchObject({ keyShown: false, attemptsLeft: 2 });
    expect(before.attempts[0]?.results.every((r) => r.correctOption === null && r.explanation === null)).toBe(true);
    expect(JSON.stringify(before)).not.toContain(key[0]!.explanation);
    const direct = await call(t.student, 'GET', `/items/quiz_attempts/${failed.attemptId}?fields=results`);
    expect(direct.status).toBe(403);
    const [own] = await ok(t.student, 'GET', `/items/quiz_attempts?filter[id][_eq]=${failed.attemptId}&fields=*`);
    expect(own).toMatchObject({ score: 0, passed: false });
    expect(own).not.toHaveProperty('results');

    const passed = QuizAttemptResult.parse((await submit(t.student, right())).data);
    expect(passed).toMatchObject({ score: 100, passed: true, bestScore: 100, attempts: 2, keyShown: true });
    expect(passed.results.every((r) => r.correct)).toBe(true);
    passed.results.forEach((r, i) => {
      expect(r).toMatchObject({ correctOption: key[i]!.correct_option, explanation: key[i]!.explanation });
    });

    const oneRight = [right()[0]!, ...wrong().slice(1)];
    const third = QuizAttemptResult.parse((await submit(t.student, oneRight)).data);
    expect(third).toMatchObject({ score: Math.round(100 / key.length), passed: false, bestScore: 100, attempts: 3 });
    expect(third).toMatchObject({ quizScore: 100, quizPassed: true, attemptsLeft: 0 });

    const stored = await admin('GET', `/items/quiz_attempts/${third.attemptId}?fields=user,quiz,answers,score,passed`);
    expect(stored).toEqual({
      user: ids.student,
      quiz: demo.quiz,
      answers: oneRight,
      score: third.score,
      passed: false,
    });

    const fourth = await submit(t.student, right());
    expect(fourth.status).toBe(409);
    expect(fourth.errors?.[0]?.message).toBe(
      'You have used all 3 attempts at this quiz. Review the lesson; your teacher can allow more.',
    );
  });

  it("lists the caller's own attempts only, newest first, with their results (the key now that they passed)", async () => {
    const list = QuizAttemptList.parse(await ok(t.student, 'GET', `/aula/quizzes/${demo.quiz}/attempts`));
    expect(list).toMatchObject({ keyShown: true, attemptsLeft: 0 });
    const { attempts } = list;
    expect(attempts.map((a) => a.score)).toEqual([Math.round(100 / key.length), 100, 0]);
    expect(attempts[1]?.answers).toEqual(right());
    expect(attempts[2]?.results.map((r) => r.explanation)).toEqual(key.map((q) => q.explanation));
    expect(await ok(t.student2, 'GET', `/aula/quizzes/${demo.quiz}/attempts`)).toMatchObject({
      attempts: [],
      attemptsLeft: 3,
      keyShown: false,
    });
  });

  it('holds the attempt limit when submissions race', async () => {
    const { course, quiz } = await createCourse('published', { max_attempts: 2 });
    await ok(t.student2, 'POST', `/aula/courses/${course}/enroll`);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call(t.student2, 'POST', `/aula/quizzes/${quiz}/attempts`, { answers: [0, 0] })),
    );
    expect(results.map((r) => r.status).toSorted()).toEqual([200, 200, 409, 409, 409, 409]);
    expect(await admin('GET', `/items/quiz_attempts?filter[quiz][_eq]=${quiz}&fields=id`)).toHaveLength(2);
    await admin('DELETE', `/items/courses/${course}`);
  });

  it.each([
    ['after each attempt', { reveal_answers: 'after_each_attempt' }, [[0, 0]], true],
    ['after the last attempt, one left', { reveal_answers: 'after_last_attempt', max_attempts: 2 }, [[1, 2]], false],
    [
      'after the last attempt, none left',
      { reveal_answers: 'after_last_attempt', max_attempts: 2 },
      [
        [0, 0],
        [0, 0],
      ],
      true,
    ],
  ])('shows the key %s: %s', async (_, policy, tries, shown) => {
    const { course, quiz } = await createCourse('published', policy);
    await ok(t.student2, 'POST', `/aula/courses/${course}/enroll`);
    let last: QuizAttemptResult | undefined;
    for (const answers of tries)
      last = QuizAttemptResult.parse(await ok(t.student2, 'POST', `/aula/quizzes/${quiz}/attempts`, { answers }));
    expect(last?.keyShown).toBe(shown);
    expect(last?.results.map((r) => r.correctOption)).toEqual(shown ? [1, 2] : [null, null]);
    expect(last?.results.map((r) => r.explanation)).toEqual(shown ? ['Porque 1.', 'Porque 2.'] : [null, null]);
    await admin('DELETE', `/items/courses/${course}`);
  });

  it('counts the last attempt when the policy says so: a pass followed by a fail is not passed', async () => {
    const { course, quiz } = await createCourse('published', { score_rule: 'last', max_attempts: null });
    await ok(t.student2, 'POST', `/aula/courses/${course}/enroll`);
    const submitTo = (answers: number[]) =>
      ok(t.student2, 'POST', `/aula/quizzes/${quiz}/attempts`, { answers }).then((r) => QuizAttemptResult.parse(r));
    expect(await submitTo([1, 2])).toMatchObject({ quizScore: 100, quizPassed: true, attemptsLeft: null });
    expect(await submitTo([0, 0])).toMatchObject({ quizScore: 0, quizPassed: false, bestScore: 100 });
    const { courses } = MyProgress.parse(await ok(t.student2, 'GET', `/aula/me/progress?course=${course}`));
    expect(courses[0]?.quizzes[0]).toMatchObject({ score: 0, bestScore: 100, passed: false, attempts: 2 });
    expect(courses[0]?.quizzesPassed).toBe(0);
    await admin('DELETE', `/items/courses/${course}`);
  });

  it('refuses a policy outside its values when a content manager saves it', async () => {
    const res = await call(t.editor, 'PATCH', `/items/quizzes/${own.miniQuiz}`, { reveal_answers: 'always' });
    expect(res.status).toBe(400);
    expect((await call(t.editor, 'PATCH', `/items/quizzes/${own.miniQuiz}`, { max_attempts: 0 })).status).toBe(400);
    expect((await call(t.editor, 'PATCH', `/items/quizzes/${own.miniQuiz}`, { max_attempts: null })).status).toBe(200);
    expect((await call(t.editor, 'PATCH', `/items/quizzes/${own.miniQuiz}`, { max_attempts: 5 })).status).toBe(200);
    await admin('PATCH', `/items/quizzes/${own.miniQuiz}`, { max_attempts: 3 });
  });
});

describe('GET /aula/me/progress', () => {
  it('counts lessons done and quizzes passed in every enrolled course', async () => {
    const { courses } = MyProgress.parse(await ok(t.student, 'GET', '/aula/me/progress'));
    expect(courses.map((c) => c.courseId)).toEqual([demo.course]);
    const [p] = courses;
    expect(p).toMatchObject({ slug: 'primeros-pasos-con-python', language: 'es', status: 'active' });
    expect(p).toMatchObject({ lessonsDone: [demo.lesson], lessonsTotal: demo.lessons, quizzesPassed: 1 });
    expect(p?.quizzesTotal).toBe(demo.lessons);
    expect(p?.percent).toBe(Math.round(200 / (2 * demo.lessons)));
    expect(p?.quizzes[0]).toEqual({
      quizId: demo.quiz,
      lessonId: demo.lesson,
      score: 100,
      bestScore: 100,
      passed: true,
      attempts: 3,
      attemptsLeft: 0,
    });
    expect(p?.quizzes.slice(1).every((q) => q.attempts === 0 && q.bestScore === null)).toBe(true);
    expect(await ok(t.student, 'GET', `/aula/me/progress?course=${demo.course}`)).toEqual({ courses });
    expect(await ok(t.student, 'GET', `/aula/me/progress?course=${own.draft}`)).toEqual({ courses: [] });
  });

  it("never shows one student another's progress", async () => {
    const { courses } = await ok(t.student2, 'GET', '/aula/me/progress');
    expect(courses.map((c: { courseId: string }) => c.courseId)).toEqual([own.mini]);
    expect(courses[0]).toMatchObject({ lessonsDone: [], quizzesPassed: 0, percent: 0 });
    expect(await ok(t.student2, 'GET', `/aula/me/progress?course=${demo.course}`)).toEqual({ courses: [] });
  });

  it('finishes the course when the last quiz is passed, and keeps the history once it is archived', async () => {
    await ok(t.student2, 'POST', `/aula/lessons/${own.miniLesson}/complete`);
    const failed = await ok(t.student2, 'POST', `/aula/quizzes/${own.miniQuiz}/attempts`, { answers: [0, 0] });
    expect(failed).toMatchObject({ score: 0, passed: false });
    const half = await ok(t.student2, 'POST', `/aula/quizzes/${own.miniQuiz}/attempts`, { answers: [1, 0] });
    expect(half).toMatchObject({ score: 50, passed: true, bestScore: 50, attempts: 2 });
    const [enrollment] = await admin(
      'GET',
      `/items/enrollments?filter[user][_eq]=${ids.student2}&filter[course][_eq]=${own.mini}&fields=*`,
    );
    expect(enrollment).toMatchObject({ status: 'completed', course: own.mini });
    expect(enrollment.completed_at).toBeTruthy();

    await admin('PATCH', `/items/courses/${own.mini}`, { status: 'archived' });
    const { courses } = await ok(t.student2, 'GET', '/aula/me/progress');
    expect(courses[0]).toMatchObject({ courseId: own.mini, status: 'completed', percent: 100 });
    expect((await call(t.student2, 'POST', `/aula/courses/${own.mini}/enroll`)).status).toBe(404);
    expect((await call(t.student2, 'POST', `/aula/lessons/${own.miniLesson}/complete`)).status).toBe(404);
  });
});
