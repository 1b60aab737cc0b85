import { quizPolicyOf } from '@aula/data/mappings';
import { AulaError, isUuid, type QuestionResult, type QuizPolicy } from '@aula/domain';
import type { Row } from '../../directus.ts';
import { notFound } from './access.ts';

/** A question with its answer key, as grading reads it. */
export type QuestionRow = Pick<Row<'questions'>, 'id' | 'prompt' | 'correct_option' | 'explanation' | 'lesson_section'>;
/** The `quizzes` columns of the attempt policy. */
type PolicyColumns = Partial<Pick<Row<'quizzes'>, 'pass_score' | 'max_attempts' | 'reveal_answers' | 'score_rule'>>;

/** The `quizzes` columns of the attempt policy (decision 011). */
export const POLICY_FIELDS = ['pass_score', 'max_attempts', 'reveal_answers', 'score_rule'];

/** One SQL statement (`?` bindings) and its rows: `ctx.sql`, or a transaction's connection. */
export type Sql = <R>(text: string, bindings: readonly unknown[]) => Promise<R[]>;

type QuizRow = Pick<Row<'quizzes'>, 'id' | 'lesson' | 'course'> & PolicyColumns & { questions: QuestionRow[] };

/**
 * A quiz of a published course with its attempt policy and its questions (answer key included) in
 * `sort` order, in one statement (a quiz submission's hot path: decision 024). It reads with full
 * rights: only a published course's quiz is found (a draft is "not found", never "forbidden").
 */
export async function readPublishedQuiz(sql: Sql, quizId: string) {
  if (!isUuid(quizId)) throw notFound('quiz');
  const [row] = await sql<QuizRow>(
    `SELECT q.id, q.lesson, q.course, q.pass_score, q.max_attempts, q.reveal_answers, q.score_rule,
       coalesce((SELECT json_agg(json_build_object('id', x.id, 'prompt', x.prompt, 'correct_option', x.correct_option,
                   'explanation', x.explanation, 'lesson_section', x.lesson_section) ORDER BY x.sort, x.id)
                 FROM questions x WHERE x.quiz = q.id), '[]'::json) AS questions
     FROM quizzes q JOIN courses c ON c.id = q.course
     WHERE q.id = ? AND c.status = 'published'`,
    [quizId],
  );
  if (!row) throw notFound('quiz');
  const { questions, ...quiz } = row;
  return { quiz, policy: policyOf(quiz), questions };
}

/** The quiz's policy; one saved around Directus's validation is said plainly, not as a crash. */
export function policyOf(row: PolicyColumns): QuizPolicy {
  try {
    return quizPolicyOf(row);
  } catch {
    throw new AulaError(
      'unavailable',
      'This quiz is not set up correctly (its attempt policy is invalid). A content manager can fix it.',
    );
  }
}

/** Results as the student may see them: which answers were wrong and where to reread, the key only when shown. */
export function asShown<R extends { correctOption: number | null; explanation: string | null }>(
  results: R[],
  keyShown: boolean,
): R[] {
  return keyShown ? results : results.map((r) => ({ ...r, correctOption: null, explanation: null }));
}

/** Grades answers (one option index per question, in order): score is the rounded percentage correct. */
export function gradeQuiz(questions: QuestionRow[], answers: readonly number[], passScore: number) {
  const results: QuestionResult[] = questions.map((q, i) => {
    const chosen = answers[i] ?? null;
    return {
      questionId: q.id,
      prompt: q.prompt,
      chosen,
      correctOption: q.correct_option,
      correct: chosen === q.correct_option,
      explanation: q.explanation ?? null,
      lessonSection: q.lesson_section ?? null,
    };
  });
  const right = results.filter((r) => r.correct).length;
  const score = questions.length === 0 ? 0 : Math.round((100 * right) / questions.length);
  return { score, passed: score >= passScore, results };
}
