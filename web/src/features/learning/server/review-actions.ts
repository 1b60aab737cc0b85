'use server';
import { z } from 'zod';
import { forgetStudent } from '../../../shared/cache/read-cache.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, redirectToSignIn, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { answerReview, type ReviewAnswerResult } from './review-api.ts';

export type ReviewState = { attempt?: number; message?: string; missing?: boolean; result?: ReviewAnswerResult };

const Input = z.object({ reviewId: z.string().min(1).max(64), answer: z.coerce.number().int().min(0).max(3) });

/** Sends the option chosen for one review question to be graded by the course API. */
export async function answerReviewAction(previous: ReviewState, form: FormData): Promise<ReviewState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  if (form.get('answer') === null) return { attempt, missing: true, message: t.review.chooseOne };
  const input = Input.safeParse({ reviewId: form.get('reviewId'), answer: form.get('answer') });
  if (!input.success) return { attempt, message: t.review.failed };
  try {
    const graded = await asStudent((token) =>
      answerReview({ token, reviewId: input.data.reviewId, answer: input.data.answer }).finally(() =>
        forgetStudent(token),
      ),
    );
    if (graded === SIGNED_OUT) redirectToSignIn('/repaso');
    return { attempt, result: graded };
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return {
      attempt,
      message: error.code === 'conflict' || error.code === 'not_found' ? t.review.notDue : t.review.failed,
    };
  }
}
