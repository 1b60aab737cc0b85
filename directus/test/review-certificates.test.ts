import { CertificateVerification, ReviewAnswerResult, ReviewQueue } from '@aula/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok, tokens, unique } from './helpers.ts';

/**
 * Spaced review and certificates through the course API (decision 021), and the permissions on their
 * collections over Directus's REST: each student reads only their own rows, and nobody writes them
 * but the course API. The courses here are this file's own, deleted afterwards (with their rows).
 */
type Tokens = Awaited<ReturnType<typeof tokens>>;
let t: Tokens;
const ids = { student: '', student2: '' };
const courses: string[] = [];

const admin = (method: string, path: string, body?: unknown) => ok(t.admin, method, path, body);
const create = async (collection: string, body: Record<string, unknown>) =>
  (await admin('POST', `/items/${collection}`, body)).id as string;

/** A published course with one lesson whose quiz has two questions (right answers 1 and 2). */
async function createCourse(policy: Record<string, unknown> = {}) {
  const course = await create('courses', { title: 'Curso de repaso', slug: unique('repaso'), status: 'published' });
  courses.push(course);
  const module = await create('modules', { course, title: 'Módulo', sort: 1 });
  const lesson = await create('lessons', { course, module, slug: 'l1', title: 'Lección', body: '# Hola', sort: 1 });
  const quiz = await create('quizzes', { course, lesson, title: 'Quiz', pass_score: 50, ...policy });
  const questions: string[] = [];
  for (const [i, correct] of [1, 2].entries()) {
    questions.push(
      await create('questions', {
        quiz,
        sort: i + 1,
        prompt: `¿Pregunta ${i + 1}?`,
        options: ['a', 'b', 'c', 'd'],
        correct_option: correct,
        explanation: `Porque ${correct}.`,
      }),
    );
  }
  return { course, lesson, quiz, questions };
}

/** Makes the caller's review items of a course due now (instead of waiting days). */
async function makeDue(user: string, course: string) {
  const rows = await admin(
    'GET',
    `/items/review_items?filter[user][_eq]=${user}&filter[course][_eq]=${course}&fields=id`,
  );
  for (const row of rows)
    await admin('PATCH', `/items/review_items/${row.id}`, { next_due: new Date(Date.now() - 1000).toISOString() });
}

beforeAll(async () => {
  t = await tokens();
  ids.student = (await ok(t.student, 'GET', '/users/me?fields=id')).id;
  ids.student2 = (await ok(t.student2, 'GET', '/users/me?fields=id')).id;
});

afterAll(async () => {
  for (const course of courses) await call(t.admin, 'DELETE', `/items/courses/${course}`);
});

describe('spaced review', () => {
  it('a missed question comes back a day later, is graded without the key, and climbs the boxes', async () => {
    // One attempt, key after passing: a failed attempt settles the quiz without showing the key.
    const c = await createCourse({ max_attempts: 1 });
    await ok(t.student, 'POST', `/aula/courses/${c.course}/enroll`);
    const failed = await ok(t.student, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [0, 0] });
    expect(failed.passed).toBe(false);

    const before = ReviewQueue.parse(await ok(t.student, 'GET', '/aula/me/review'));
    expect(before.due.filter((d) => d.course.id === c.course)).toEqual([]);
    expect(before.waiting).toBeGreaterThanOrEqual(2);
    const nextDue = new Date(before.nextDueAt ?? 0).getTime();
    expect(nextDue).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(nextDue).toBeLessThan(Date.now() + 25 * 3600_000);

    await makeDue(ids.student, c.course);
    const queue = ReviewQueue.parse(await ok(t.student, 'GET', '/aula/me/review'));
    const mine = queue.due.filter((d) => d.course.id === c.course);
    expect(mine.map((d) => d.questionId).sort()).toEqual([...c.questions].sort());
    expect(JSON.stringify(mine)).not.toMatch(/correct|explanation|Porque/);
    const first = mine.find((d) => d.questionId === c.questions[0])!;
    expect(first).toMatchObject({ prompt: '¿Pregunta 1?', options: ['a', 'b', 'c', 'd'], box: 1 });
    expect(first.lesson.slug).toBe('l1');

    // Not passed yet under "after_passing": right or wrong, no key.
    const right = ReviewAnswerResult.parse(
      await ok(t.student, 'POST', `/aula/review/${first.reviewId}/answers`, { answer: 1 }),
    );
    expect(right).toMatchObject({ correct: true, box: 2, keyShown: false, correctOption: null, explanation: null });
    expect(new Date(right.nextDueAt!).getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    // Answered: no longer due, and answering again before it is due is refused.
    const again = await call(t.student, 'POST', `/aula/review/${first.reviewId}/answers`, { answer: 1 });
    expect(again.status).toBe(409);

    const second = mine.find((d) => d.questionId === c.questions[1])!;
    const wrong = ReviewAnswerResult.parse(
      await ok(t.student, 'POST', `/aula/review/${second.reviewId}/answers`, { answer: 0 }),
    );
    expect(wrong).toMatchObject({ correct: false, box: 1, keyShown: false, correctOption: null });

    // A teacher allows another attempt: while the quiz counts again and hides its key, its questions wait
    // (answering them day after day would give the key away by elimination).
    await admin('PATCH', `/items/quizzes/${c.quiz}`, { max_attempts: 2 });
    await makeDue(ids.student, c.course);
    const held = ReviewQueue.parse(await ok(t.student, 'GET', '/aula/me/review'));
    expect(held.due.filter((d) => d.course.id === c.course)).toEqual([]);
    const refused = await call(t.student, 'POST', `/aula/review/${second.reviewId}/answers`, { answer: 2 });
    expect(refused.status).toBe(409);

    // Once the quiz is passed the policy shows the key, and so does the review.
    await ok(t.student, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [1, 2] });
    const shown = ReviewAnswerResult.parse(
      await ok(t.student, 'POST', `/aula/review/${second.reviewId}/answers`, { answer: 0 }),
    );
    expect(shown).toMatchObject({ correct: false, keyShown: true, correctOption: 2, explanation: 'Porque 2.' });
  });

  it('answers the box moves right up to learned, and a new miss brings a learned question back', async () => {
    const c = await createCourse({ reveal_answers: 'after_each_attempt', max_attempts: null });
    await ok(t.student2, 'POST', `/aula/courses/${c.course}/enroll`);
    await ok(t.student2, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [0, 2] });
    const boxes: (number | null)[] = [];
    for (let i = 0; i < 5; i += 1) {
      await makeDue(ids.student2, c.course);
      const queue = ReviewQueue.parse(await ok(t.student2, 'GET', '/aula/me/review'));
      const item = queue.due.find((d) => d.questionId === c.questions[0])!;
      const result = ReviewAnswerResult.parse(
        await ok(t.student2, 'POST', `/aula/review/${item.reviewId}/answers`, { answer: 1 }),
      );
      expect(result.keyShown).toBe(true);
      boxes.push(result.box);
    }
    expect(boxes).toEqual([2, 3, 4, 5, null]);
    await makeDue(ids.student2, c.course);
    const after = ReviewQueue.parse(await ok(t.student2, 'GET', '/aula/me/review'));
    expect(after.due.some((d) => d.course.id === c.course)).toBe(false);
    await ok(t.student2, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [0, 2] });
    await makeDue(ids.student2, c.course);
    const back = ReviewQueue.parse(await ok(t.student2, 'GET', '/aula/me/review'));
    expect(back.due.filter((d) => d.course.id === c.course).map((d) => d.box)).toEqual([1]);
  });

  it("a student can neither read nor answer another's review items, nor write any over REST", async () => {
    const c = await createCourse({ max_attempts: 1 });
    await ok(t.student, 'POST', `/aula/courses/${c.course}/enroll`);
    await ok(t.student, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [0, 0] });
    const [theirs] = await admin(
      'GET',
      `/items/review_items?filter[user][_eq]=${ids.student}&filter[course][_eq]=${c.course}&fields=id`,
    );
    const read = await call(t.student2, 'GET', `/items/review_items?filter[course][_eq]=${c.course}`);
    expect(read.status === 403 || (read.status === 200 && read.data.length === 0)).toBe(true);
    expect((await call(t.student2, 'GET', `/items/review_items/${theirs.id}`)).status).toBe(403);
    const own = await ok(t.student, 'GET', `/items/review_items?filter[course][_eq]=${c.course}&fields=id,user`);
    expect(own).toHaveLength(2);
    expect((await call(t.student2, 'POST', `/aula/review/${theirs.id}/answers`, { answer: 1 })).status).toBe(404);
    expect((await call(t.student, 'PATCH', `/items/review_items/${theirs.id}`, { box: 5 })).status).toBe(403);
    expect(
      (
        await call(t.student, 'POST', '/items/review_items', {
          user: ids.student,
          question: c.questions[0],
          quiz: c.quiz,
          course: c.course,
          next_due: new Date().toISOString(),
        })
      ).status,
    ).toBe(403);
    expect((await call(null, 'GET', '/aula/me/review')).status).toBe(401);
  });
});

describe('certificates', () => {
  it('are issued once the course is complete, the same one again, and anyone can verify them', async () => {
    const c = await createCourse();
    await ok(t.student2, 'POST', `/aula/courses/${c.course}/enroll`);
    const early = await call(t.student2, 'POST', `/aula/courses/${c.course}/certificate`);
    expect(early.status).toBe(409);
    await ok(t.student2, 'POST', `/aula/lessons/${c.lesson}/complete`);
    await ok(t.student2, 'POST', `/aula/quizzes/${c.quiz}/attempts`, { answers: [1, 2] });

    const issued = await ok(t.student2, 'POST', `/aula/courses/${c.course}/certificate`);
    expect(issued).toMatchObject({ holderName: 'Mateo', courseTitle: 'Curso de repaso', status: 'valid' });
    expect(issued.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const again = await ok(t.student2, 'POST', `/aula/courses/${c.course}/certificate`);
    expect(again.code).toBe(issued.code);
    const mine = await ok(t.student2, 'GET', '/aula/me/certificates');
    expect(mine.certificates.map((x: { code: string }) => x.code)).toContain(issued.code);

    // Anyone, signed out: name, course, date, valid — and nothing else.
    const publicView = await call(null, 'GET', `/aula/certificates/${issued.code.toLowerCase()}`);
    expect(publicView.status).toBe(200);
    const verified = CertificateVerification.strict().parse(publicView.data);
    expect(verified).toMatchObject({ holderName: 'Mateo', status: 'valid', revokedAt: null });
    expect(JSON.stringify(publicView.data)).not.toMatch(/@|user|score|student2/);
    expect((await call(null, 'GET', '/aula/certificates/0000000000000000')).status).toBe(404);
    expect((await call(null, 'GET', '/aula/certificates/not-a-code')).status).toBe(404);

    // Permissions: the other student reads none of it over REST, nobody writes it there, the public reads nothing.
    const other = await call(t.student, 'GET', `/items/certificates?filter[code][_eq]=${issued.code}`);
    expect(other.status === 403 || (other.status === 200 && other.data.length === 0)).toBe(true);
    expect((await call(null, 'GET', '/items/certificates')).status).toBe(403);
    const own = await ok(t.student2, 'GET', `/items/certificates?filter[code][_eq]=${issued.code}&fields=code`);
    expect(own).toEqual([{ code: issued.code }]);
    const [row] = await admin('GET', `/items/certificates?filter[code][_eq]=${issued.code}&fields=id`);
    expect((await call(t.student2, 'PATCH', `/items/certificates/${row.id}`, { holder_name: 'Otra' })).status).toBe(
      403,
    );
    expect((await call(t.student2, 'GET', `/items/certificates/${row.id}?fields=revoke_reason`)).status).toBe(403);

    // Revoking: administrators only, audited, and verification says so.
    expect((await call(t.student2, 'POST', `/aula/certificates/${issued.code}/revoke`, { reason: 'x' })).status).toBe(
      403,
    );
    expect((await call(t.editor, 'POST', `/aula/certificates/${issued.code}/revoke`, { reason: 'x' })).status).toBe(
      403,
    );
    const revoked = await ok(t.admin, 'POST', `/aula/certificates/${issued.code}/revoke`, { reason: 'Plagio' });
    expect(revoked).toMatchObject({ status: 'revoked' });
    const after = await ok(null, 'GET', `/aula/certificates/${issued.code}`);
    expect(after.status).toBe('revoked');
    const activity = await admin(
      'GET',
      `/activity?filter[collection][_eq]=certificates&filter[item][_eq]=${row.id}&filter[action][_eq]=update&fields=user`,
    );
    const adminId = (await admin('GET', '/users/me?fields=id')).id;
    expect(activity.map((a: { user: string }) => a.user)).toContain(adminId);
    const stored = await admin('GET', `/items/certificates/${row.id}?fields=revoked_by,revoke_reason`);
    expect(stored).toEqual({ revoked_by: adminId, revoke_reason: 'Plagio' });
    // Issuing again hands back the revoked one, never a fresh one.
    expect((await ok(t.student2, 'POST', `/aula/courses/${c.course}/certificate`)).status).toBe('revoked');
  });
});
