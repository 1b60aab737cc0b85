import 'server-only';
import { studentRead } from '../../../shared/cache/read-cache.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { getAccessToken } from '../../../shared/session/session-store.ts';
import { type CourseProgress, getMyProgress } from './course-api.ts';

export type Enrolment =
  | { state: 'signed-out' }
  | { state: 'unknown' }
  | { state: 'not-enrolled' }
  | { state: 'enrolled'; progress: CourseProgress };

/** Whether the visitor is signed in and enrolled in the course, with their progress; `unknown` when the API cannot say. */
export async function getEnrolment({ courseId }: { courseId: string }): Promise<Enrolment> {
  const token = await getAccessToken();
  if (!token) return { state: 'signed-out' };
  try {
    const courses = await studentRead(token, `progress:${courseId}`, () => getMyProgress({ token, courseId }));
    const progress = courses.find((course) => course.courseId === courseId);
    return progress ? { state: 'enrolled', progress } : { state: 'not-enrolled' };
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return error.code === 'unauthorized' ? { state: 'signed-out' } : { state: 'unknown' };
  }
}
