import { AulaError, quizStanding, type TutorContext, type TutorQuestionResult, type TutorQuiz } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { asShown, gradeQuiz, policyOf } from '../learning/grade-quiz.ts';
import { readTutorRows, type TutorRows } from './tutor-rows.ts';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * `GET /aula/tutor/context?lesson=`: what the tutor may know about a lesson of a published course and
 * the enrolled caller (see `tutorContextOf`), read in one query.
 */
export async function readTutorContext(ctx: Ctx, lessonId: unknown): Promise<TutorContext> {
  const rows = await readTutorRows(ctx, { lessonId, historyLimit: 0 });
  return tutorContextOf(rows);
}

/**
 * The context from its rows: the lesson's text and objectives, the course outline with the lessons the
 * caller has done, the lesson's place, and its quiz. Before the caller has submitted the quiz, its
 * questions go without key or explanation; after, the latest attempt's results go as the student was
 * shown them: which answers were wrong always, the correct options and explanations only once the
 * quiz's attempt policy shows them (decision 011). Not enrolled: `conflict`.
 */
export function tutorContextOf(rows: TutorRows): TutorContext {
  if (!rows.enrolled) throw new AulaError('conflict', 'Enrol in the course first.');
  const { lesson, course, outline: lessons } = rows;
  const doneIds = new Set(rows.done);
  const outline: TutorContext['outline'] = [];
  for (const row of lessons) {
    const moduleId = row.module_id ?? undefined;
    let module = outline.at(-1) as (TutorContext['outline'][number] & { id?: string }) | undefined;
    if (!module || module.id !== moduleId) {
      module = { id: moduleId, title: String(row.module_title ?? ''), lessons: [] };
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
    quiz: quizState(rows),
  };
}

function quizState({ quiz, questions, attempts }: TutorRows): TutorQuiz | null {
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
