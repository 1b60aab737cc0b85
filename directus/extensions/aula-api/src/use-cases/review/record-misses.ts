import { nextReview, type QuestionResult } from '@aula/domain';
import type { Ctx } from '../../context.ts';

// One statement for every question missed: a new item, or the existing one (the unique index on
// (user, question)) sent back to box 1, a learned one too, with one more miss.
const RECORD_SQL = `
insert into review_items (id, "user", question, quiz, course, box, next_due, misses, date_created)
select gen_random_uuid(), cast(? as uuid), cast(q.value as uuid), cast(? as uuid), cast(? as uuid), 1,
       cast(? as timestamptz), 1, now()
from json_array_elements_text(cast(? as json)) as q
on conflict ("user", question) do update
  set box = 1, next_due = excluded.next_due, learned_at = null, misses = coalesce(review_items.misses, 0) + 1
`;

/**
 * Puts each question the caller just missed in a quiz into their spaced review, in box 1 (due a day
 * later): a new item, or an existing one sent back to box 1 (a learned one comes back too). Called by
 * the quiz attempt once it is stored. One SQL statement (`ctx.sql`) for all of them: parallel attempts
 * cannot race into a duplicate (the upsert holds the unique index), and no per-item transaction and
 * cache purge per miss. The web reads review items through the course API only, which Directus does not
 * cache; a direct REST read of `review_items` may be up to `CACHE_TTL` (30 s) old (as for the tutor's
 * rows, decision 017).
 */
export async function recordMisses(
  ctx: Ctx,
  quiz: { id: string; course: string },
  results: readonly QuestionResult[],
  now = new Date(),
): Promise<void> {
  const missed = [...new Set(results.filter((r) => !r.correct).map((r) => r.questionId))];
  if (missed.length === 0) return;
  const { due } = nextReview(0, false, now);
  const nextDue = (due ?? now).toISOString();
  await ctx.sql(RECORD_SQL, [ctx.user, quiz.id, quiz.course, nextDue, JSON.stringify(missed)]);
}
