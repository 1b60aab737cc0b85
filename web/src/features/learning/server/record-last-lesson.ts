import 'server-only';
import { LessonOpened } from '@aula/domain';
import { forgetStudent } from '../../../shared/cache/read-cache.ts';
import { DirectusError, directusFetch, parseAnswer } from '../../../shared/directus.ts';
import { log } from '../../../shared/log.ts';

/**
 * Remembers the lesson a student last opened, for "Continue" in My courses, through the course API
 * (`POST /aula/lessons/:id/open`): it writes only the caller's own enrolment in that lesson's course.
 * Best effort: a failure is logged and forgotten. Runs after the page is sent (`after`), where the
 * request's headers can no longer be read: the caller hands over the person's address.
 */
export async function recordLastLesson({
  token,
  lessonId,
  forwardedFor,
}: {
  token: string;
  lessonId: string;
  forwardedFor: string | null;
}): Promise<void> {
  try {
    const path = `/aula/lessons/${encodeURIComponent(lessonId)}/open`;
    const answer = await directusFetch({ method: 'POST', path, token, forwardedFor, body: {} });
    if (parseAnswer(`POST ${path}`, LessonOpened, answer).recorded) forgetStudent(token);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    log.warn({ err: error }, 'recording the last lesson failed');
  }
}
