'use server';
import { z } from 'zod';
import { forgetStudent } from '../../../shared/cache/read-cache.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { localPath } from '../../../shared/edge/local-path.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, redirectToSignIn, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { completeLesson, type QuizAttemptResult, submitQuizAttempt } from './course-api.ts';

// These actions do not revalidate the page: the components show what the course API answered, and
// the rest of the site reads progress afresh on the next visit (dynamic pages are not kept in the
// browser's router cache). Revalidating here re-rendered the whole lesson behind its loading boundary,
// and now and then the client never finished applying it (the button stayed "pending").

export type CompleteState = { done?: boolean; message?: string; attempt?: number };

const Id = z.string().min(1).max(64);

/** "Mark as read". */
export async function completeLessonAction(previous: CompleteState, form: FormData): Promise<CompleteState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const lessonId = Id.safeParse(form.get('lessonId'));
  const path = localPath(form.get('path')) ?? '/mis-cursos';
  if (!lessonId.success) return { message: t.lesson.markFailed, attempt };
  try {
    const done = await asStudent((token) =>
      // What this changes must show on the next page at once, not after the read cache expires.
      completeLesson({ token, lessonId: lessonId.data }).finally(() => forgetStudent(token)),
    );
    if (done === SIGNED_OUT) redirectToSignIn(path);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return { message: t.lesson.markFailed, attempt };
  }
  return { done: true, message: t.lesson.markedRead, attempt };
}

export type QuizState = {
  attempt?: number;
  /** Indexes of the questions left unanswered (nothing was sent). */
  missing?: number[];
  message?: string;
  result?: QuizAttemptResult;
  /** The course API refused: no attempt is left. */
  exhausted?: boolean;
  /** Too many requests right now (429, nothing was stored): the form sends itself again after these seconds. */
  retryAfter?: number;
};

const QuizInput = z.object({ quizId: Id, count: z.coerce.number().int().min(1).max(50) });

/** Sends the chosen options (one index per question, in the quiz's order) to be marked by the course API. */
export async function submitQuizAction(previous: QuizState, form: FormData): Promise<QuizState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const path = localPath(form.get('path')) ?? '/mis-cursos';
  const input = QuizInput.safeParse({ quizId: form.get('quizId'), count: form.get('count') });
  if (!input.success) return { message: t.quiz.failedToSend, attempt };
  const answers = Array.from({ length: input.data.count }, (_, i) => {
    const value = Number(form.get(`answer-${i}`) ?? Number.NaN);
    return Number.isInteger(value) && value >= 0 && value <= 3 ? value : null;
  });
  const missing = answers.flatMap((answer, i) => (answer === null ? [i] : []));
  if (missing.length > 0) return { message: t.quiz.answerAll, missing, attempt };
  let result: QuizAttemptResult;
  try {
    const marked = await asStudent((token) =>
      // What this changes must show on the next page at once, not after the read cache expires.
      submitQuizAttempt({ token, quizId: input.data.quizId, answers: answers as number[] }).finally(() =>
        forgetStudent(token),
      ),
    );
    if (marked === SIGNED_OUT) redirectToSignIn(path);
    result = marked;
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    // Refused before anything was marked or stored: say so calmly and let the form send it again.
    if (error.code === 'rate_limited')
      return { message: t.quiz.busy, attempt, retryAfter: error.retryAfterSeconds ?? 2 };
    const message =
      error.code === 'invalid'
        ? t.quiz.changed
        : error.code === 'conflict'
          ? t.quiz.noAttemptsLeft
          : t.quiz.failedToSend;
    return { message, attempt, ...(error.code === 'conflict' ? { exhausted: true } : {}) };
  }
  return { result, attempt };
}
