import { quizPolicyOf } from '@aula/data/mappings';
import { AulaError, type QuestionResult, type QuizPolicy } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Row } from '../../directus.ts';
import { readPublished } from './access.ts';

/** A question with its answer key, as grading reads it. */
export type QuestionRow = Pick<Row<'questions'>, 'id' | 'prompt' | 'correct_option' | 'explanation' | 'lesson_section'>;
/** The `quizzes` columns of the attempt policy. */
type PolicyColumns = Partial<Pick<Row<'quizzes'>, 'pass_score' | 'max_attempts' | 'reveal_answers' | 'score_rule'>>;

/** The `quizzes` columns of the attempt policy (decision 011). */
export const POLICY_FIELDS = ['pass_score', 'max_attempts', 'reveal_answers', 'score_rule'];

/** A quiz of a published course with its attempt policy and its questions (answer key included) in `sort` order. */
export async function readPublishedQuiz(ctx: Ctx, quizId: string) {
  const quiz = await readPublished(ctx, 'quizzes', quizId, ['id', 'lesson', 'course', ...POLICY_FIELDS]);
  const policy = policyOf(quiz);
  const questions: QuestionRow[] = await ctx.items('questions').readByQuery({
    filter: { quiz: { _eq: quiz.id } },
    fields: ['id', 'prompt', 'correct_option', 'explanation', 'lesson_section'],
    sort: ['sort', 'id'],
    limit: -1,
  });
  return { quiz, policy, questions };
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
