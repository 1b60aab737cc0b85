import 'server-only';
import { z } from 'zod';
import { DirectusError, directusFetch, parseAnswer } from './directus.ts';
import { forgetStudent } from './read-cache.ts';

const OwnEnrollments = z.object({ data: z.array(z.object({ id: z.string(), last_lesson: z.string().nullable() })) });

/**
 * Remembers the lesson a student last opened, for "Continue" in My courses. The student may update
 * only `last_lesson` of their own enrolment (Directus permissions). Read first, then patched by id: a
 * patch by query (`{ query, data }`) is refused with 403 from the second student on, apparently
 * because Directus reuses the keys it found for another student's identical query.
 * Best effort: a failure is logged and forgotten. Runs after the page is sent (`after`), where the
 * request's headers can no longer be read: the caller hands over the person's address.
 */
export async function recordLastLesson({
  token,
  courseId,
  lessonId,
  forwardedFor,
}: {
  token: string;
  courseId: string;
  lessonId: string;
  forwardedFor: string | null;
}): Promise<void> {
  try {
    const found = await directusFetch({
      path: '/items/enrollments',
      params: { filter: JSON.stringify({ course: { _eq: courseId } }), fields: 'id,last_lesson', limit: '1' },
      token,
      forwardedFor,
    });
    const [enrollment] = parseAnswer('GET /items/enrollments', OwnEnrollments, found).data;
    if (!enrollment || enrollment.last_lesson === lessonId) return;
    await directusFetch({
      method: 'PATCH',
      path: `/items/enrollments/${encodeURIComponent(enrollment.id)}`,
      token,
      forwardedFor,
      body: { last_lesson: lessonId },
    });
    forgetStudent(token);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    console.error('recording the last lesson failed', error);
  }
}
