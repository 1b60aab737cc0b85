import { quizStanding, type TutorContext, type TutorQuestionResult, type TutorQuiz } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Row } from '../../directus.ts';
import { readPublished, requireEnrollment } from '../learning/access.ts';
import { asShown, gradeQuiz, POLICY_FIELDS, policyOf, type QuestionRow } from '../learning/grade-quiz.ts';

type QuestionWithOptions = QuestionRow & Pick<Row<'questions'>, 'options'>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * What the tutor may know about a lesson of a published course and the enrolled caller: the lesson's
 * text and objectives, the course outline with the lessons they have done, the lesson's place, and its
 * quiz. Before the caller has submitted the quiz, its questions go without key or explanation; after,
 * the latest attempt's results go as the student was shown them: which answers were wrong always, the
 * correct options and explanations only once the quiz's attempt policy shows them (decision 011).
 */
export async function readTutorContext(ctx: Ctx, lessonId: unknown): Promise<TutorContext> {
  const lesson = await readPublished(ctx, 'lessons', String(lessonId ?? ''), [
    'id',
    'course',
    'title',
    'body',
    'objectives',
  ]);
  // One round of queries after the lesson: enrolment, course, outline, progress and the quiz together.
  const [, course, lessons, done, quiz] = await Promise.all([
    requireEnrollment(ctx, lesson.course),
    ctx.items('courses').readOne(lesson.course, { fields: ['id', 'title', 'language', 'summary'] }),
    ctx.items('lessons').readByQuery<'module'>({
      filter: { course: { _eq: lesson.course } },
      fields: ['id', 'title', 'module.id', 'module.title'],
      sort: ['module.sort', 'sort', 'id'],
      limit: -1,
    }),
    ctx.items('lesson_progress').readByQuery({
      filter: { user: { _eq: ctx.user }, course: { _eq: lesson.course }, completed_at: { _nnull: true } },
      fields: ['lesson'],
      limit: -1,
    }),
    quizState(ctx, lesson.id),
  ]);
  const doneIds = new Set(done.map((d) => d.lesson as string));
  const outline: TutorContext['outline'] = [];
  for (const row of lessons) {
    const moduleId = row.module?.id as string | undefined;
    let module = outline.at(-1) as (TutorContext['outline'][number] & { id?: string }) | undefined;
    if (!module || module.id !== moduleId) {
      module = { id: moduleId, title: String(row.module?.title ?? ''), lessons: [] };
      outline.push(module);
    }
    module.lessons.push({ id: row.id, title: row.title, done: doneIds.has(row.id) });
  }
  const position = lessons.findIndex((l) => l.id === lesson.id) + 1;
  return {
    course: { id: course.id, title: course.title, language: course.language, summary: course.summary ?? null },
    lesson: { id: lesson.id, title: lesson.title, body: lesson.body ?? '', objectives: strings(lesson.objectives) },
    outline: outline.map(({ title, lessons }) => ({ title, lessons })),
    position: Math.max(1, position),
    total: Math.max(1, lessons.length),
    quiz,
  };
}

async function quizState(ctx: Ctx, lessonId: string): Promise<TutorQuiz | null> {
  const ofLesson = { quiz: { lesson: { _eq: lessonId } } };
  const [quizzes, questions, attempts] = await Promise.all([
    ctx.items('quizzes').readByQuery({
      filter: { lesson: { _eq: lessonId } },
      fields: ['id', 'title', ...POLICY_FIELDS],
      limit: 1,
    }),
    ctx.items('questions').readByQuery({
      filter: ofLesson,
      fields: ['id', 'prompt', 'options', 'correct_option', 'explanation', 'lesson_section'],
      sort: ['sort', 'id'],
      limit: -1,
    }) satisfies Promise<QuestionWithOptions[]>,
    ctx.items('quiz_attempts').readByQuery({
      filter: { user: { _eq: ctx.user }, ...ofLesson },
      fields: ['score', 'passed', 'answers', 'results'],
      sort: ['-date_created', '-id'],
      limit: -1,
    }),
  ]);
  const quiz = quizzes[0];
  if (!quiz) return null;
  const policy = policyOf(quiz);
  const base = { title: quiz.title as string, passScore: policy.passScore };
  const latest = attempts[0];
  if (!latest) {
    // Not submitted: prompts and options only. Never the key, never the explanation.
    return {
      submitted: false,
      ...base,
      questions: questions.map((q) => ({ prompt: q.prompt, options: strings(q.options) })),
    };
  }
  const answers = Array.isArray(latest.answers) ? (latest.answers as number[]) : [];
  const stored = Array.isArray(latest.results) ? latest.results : null;
  const graded = stored ?? gradeQuiz(questions, answers, base.passScore).results;
  const standing = quizStanding(
    policy,
    attempts.toReversed().map((a) => ({ score: a.score as number, passed: a.passed === true })),
  );
  const results: TutorQuestionResult[] = graded.map((r) => {
    const question = questions.find((q) => q.id === r.questionId);
    return {
      prompt: String(r.prompt ?? question?.prompt ?? ''),
      options: strings(question?.options),
      chosen: typeof r.chosen === 'number' ? r.chosen : null,
      correctOption: Number(r.correctOption),
      correct: r.correct === true,
      explanation: (r.explanation as string | null) ?? null,
      lessonSection: (r.lessonSection as string | null) ?? null,
    };
  });
  return {
    submitted: true,
    ...base,
    passed: standing.passed,
    bestScore: standing.bestScore ?? (latest.score as number),
    attempts: standing.attempts,
    keyShown: standing.keyShown,
    latest: { score: latest.score as number, results: asShown(results, standing.keyShown) },
  };
}
