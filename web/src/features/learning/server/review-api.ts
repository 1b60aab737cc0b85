import 'server-only';
import { ReviewAnswerResult, ReviewQueue } from '@aula/domain';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// The student's spaced review (decision 021) through the course API, with their own token: the API
// answers only with their items, and grades on the server.

export type { ReviewAnswerResult, ReviewItem, ReviewQueue } from '@aula/domain';

export async function getReviewQueue({ token, limit = 1 }: { token: string; limit?: number }): Promise<ReviewQueue> {
  const json = await directusFetch({ path: '/aula/me/review', token, params: { limit: String(limit) } });
  return parseAnswer('GET /aula/me/review', ReviewQueue, json);
}

export async function answerReview({
  token,
  reviewId,
  answer,
}: {
  token: string;
  reviewId: string;
  answer: number;
}): Promise<ReviewAnswerResult> {
  const path = `/aula/review/${encodeURIComponent(reviewId)}/answers`;
  const json = await directusFetch({ method: 'POST', path, token, body: { answer } });
  return parseAnswer(`POST ${path}`, ReviewAnswerResult, json);
}
