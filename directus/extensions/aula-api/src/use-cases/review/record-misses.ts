import { nextReview, type QuestionResult } from '@aula/domain';
import type { Ctx } from '../../context.ts';

/**
 * Puts each question the caller just missed in a quiz into their spaced review, in box 1 (due a day
 * later): a new item, or an existing one sent back to box 1 (a learned one comes back too). Called by
 * the quiz attempt once it is stored; the unique index on (user, question) keeps one item per question.
 */
export async function recordMisses(
  ctx: Ctx,
  quiz: { id: string; course: string },
  results: readonly QuestionResult[],
  now = new Date(),
): Promise<void> {
  const missed = results.filter((r) => !r.correct).map((r) => r.questionId);
  if (missed.length === 0) return;
  const { due } = nextReview(0, false, now);
  const nextDue = (due ?? now).toISOString();
  const items = ctx.items('review_items');
  const existing = await items.readByQuery({
    filter: { user: { _eq: ctx.user }, question: { _in: missed } },
    fields: ['id', 'question', 'misses'],
    limit: -1,
  });
  for (const row of existing) {
    await items.updateOne(row.id, { box: 1, next_due: nextDue, learned_at: null, misses: (row.misses ?? 0) + 1 });
  }
  const known = new Set(existing.map((r) => r.question));
  for (const question of missed.filter((q) => !known.has(q))) {
    try {
      await items.createOne({
        user: ctx.user,
        question,
        quiz: quiz.id,
        course: quiz.course,
        box: 1,
        next_due: nextDue,
        misses: 1,
      });
    } catch (error) {
      // A parallel attempt created it first (unique index): it is in box 1 either way.
      const [raced] = await items.readByQuery({
        filter: { user: { _eq: ctx.user }, question: { _eq: question } },
        fields: ['id'],
        limit: 1,
      });
      if (!raced) throw error;
    }
  }
}
