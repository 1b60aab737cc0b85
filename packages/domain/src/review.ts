import { z } from 'zod';
import { Language } from './course.ts';

/**
 * Spaced review (decision 021): a question a student missed comes back later, in Leitner boxes. A miss
 * puts it in box 1 (due a day later); each correct answer moves it up a box, and the wait doubles; a
 * question answered right in the last box leaves the review.
 */

/** Days to wait before a question in box n (1-based) is due again. */
export const REVIEW_BOX_DAYS = [1, 2, 4, 8, 16] as const;
export const REVIEW_LAST_BOX = REVIEW_BOX_DAYS.length;
const DAY_MS = 86_400_000;

/** Where a question goes after an answer: its new box (null = learned, out of the review) and when it is due. */
export function nextReview(box: number, correct: boolean, now: Date): { box: number | null; due: Date | null } {
  const next = correct ? box + 1 : 1;
  if (next > REVIEW_LAST_BOX) return { box: null, due: null };
  const days = REVIEW_BOX_DAYS[next - 1] ?? REVIEW_BOX_DAYS[0];
  return { box: next, due: new Date(now.getTime() + days * DAY_MS) };
}

const Id = z.uuid();
const Timestamp = z.iso.datetime({ offset: true });

/** One question due for review, without its key: prompt, options, and where it comes from. */
export const ReviewItem = z.object({
  reviewId: Id,
  questionId: Id,
  prompt: z.string(),
  options: z.array(z.string()),
  box: z.number().int().min(1).max(REVIEW_LAST_BOX),
  dueAt: Timestamp,
  course: z.object({ id: Id, slug: z.string(), title: z.string(), language: Language }),
  lesson: z.object({ id: Id, slug: z.string(), title: z.string() }),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

/** `GET /aula/me/review`: the questions due now (oldest first, at most `limit`), how many in all, and the next one later. */
export const ReviewQueue = z.object({
  due: z.array(ReviewItem),
  dueCount: z.number().int().min(0),
  /** Items waiting for a later day. */
  waiting: z.number().int().min(0),
  nextDueAt: Timestamp.nullable(),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;

/** Body of `POST /aula/review/:id/answers`. */
export const ReviewAnswerRequest = z.object({ answer: z.number().int().min(0).max(3) }).strict();
export type ReviewAnswerRequest = z.infer<typeof ReviewAnswerRequest>;

/**
 * `POST /aula/review/:id/answers`: right or wrong, the section to reread, and the key (correct option,
 * explanation) only when the quiz's attempt policy already shows it to this student (decision 011).
 */
export const ReviewAnswerResult = z.object({
  reviewId: Id,
  correct: z.boolean(),
  chosen: z.number().int().min(0).max(3),
  correctOption: z.number().int().min(0).max(3).nullable(),
  explanation: z.string().nullable(),
  keyShown: z.boolean(),
  lessonSection: z.string().nullable(),
  /** The new box; null once learned (answered right in the last box). */
  box: z.number().int().min(1).max(REVIEW_LAST_BOX).nullable(),
  nextDueAt: Timestamp.nullable(),
});
export type ReviewAnswerResult = z.infer<typeof ReviewAnswerResult>;
