import {
  AulaError,
  invalidFromIssues,
  isUuid,
  nextReview,
  ReviewAnswerRequest,
  type ReviewAnswerResult,
} from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { notFound } from '../learning/access.ts';
import { readPublishedQuiz } from '../learning/grade-quiz.ts';
import { reviewStandings } from './review-standing.ts';

/**
 * Grades the caller's answer to one of their own review items that is due, on the server, and moves
 * it between Leitner boxes (right: up a box, the wait doubles, out after the last; wrong: back to box
 * 1). The key (correct option, explanation) is returned only when the quiz's attempt policy already
 * shows it to this student (decision 011): the review never reveals more than the quiz would, and asks
 * nothing while the quiz still counts and hides its key (see `reviewStandings`). The row
 * is locked while it is graded, so two answers sent at once move it once.
 */
export async function answerReview({
  ctx,
  reviewId,
  input,
  now = new Date(),
}: {
  ctx: Ctx;
  reviewId: string;
  input: unknown;
  now?: Date;
}): Promise<ReviewAnswerResult> {
  if (!isUuid(reviewId)) throw notFound('review item');
  const parsed = ReviewAnswerRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const mine = { id: { _eq: reviewId }, user: { _eq: ctx.user }, learned_at: { _null: true } };
  const [item] = await ctx.items('review_items').readByQuery({
    filter: mine,
    fields: ['id', 'question', 'quiz'],
    limit: 1,
  });
  if (!item) throw notFound('review item');
  // The quiz must still be in a published course: a draft or archived course's questions are not asked.
  const { quiz, questions } = await readPublishedQuiz(ctx.sql, item.quiz);
  const question = questions.find((q) => q.id === item.question);
  if (!question) throw notFound('review item');
  const standing = (await reviewStandings(ctx, [quiz.id])).get(quiz.id);
  if (!standing?.open) throw new AulaError('conflict', 'Finish the quiz first: this question comes back after it.');
  const { keyShown } = standing;
  const { answer } = parsed.data;
  const correct = answer === question.correct_option;

  const moved = await ctx.transaction(async (items, knex) => {
    const [row] = await knex('review_items').where({ id: item.id }).forUpdate();
    if (!row || row.learned_at != null) throw notFound('review item');
    if (new Date(row.next_due as string).getTime() > now.getTime())
      throw new AulaError('conflict', 'This question is not due for review yet.');
    const next = nextReview(Number(row.box), correct, now);
    await items('review_items').updateOne(item.id, {
      box: next.box ?? Number(row.box),
      next_due: (next.due ?? now).toISOString(),
      last_answered_at: now.toISOString(),
      misses: Number(row.misses ?? 0) + (correct ? 0 : 1),
      learned_at: next.box === null ? now.toISOString() : null,
    });
    return next;
  });

  return {
    reviewId: item.id,
    correct,
    chosen: answer,
    correctOption: keyShown ? question.correct_option : null,
    explanation: keyShown ? (question.explanation ?? null) : null,
    keyShown,
    lessonSection: question.lesson_section ?? null,
    box: moved.box,
    nextDueAt: moved.due ? moved.due.toISOString() : null,
  };
}
