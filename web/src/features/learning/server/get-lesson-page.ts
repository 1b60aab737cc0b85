import 'server-only';
import { contentVersion } from '../../../shared/cache/content-version.ts';
import { contentRead, studentRead } from '../../../shared/cache/read-cache.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { courseExists } from '../../catalogue/server/course-exists.ts';
import { type CourseDetail, getCourse, lessonsInOrder, type OutlineLesson } from '../../catalogue/server/get-course.ts';
import { isStaff } from '../../studio/server/staff.ts';
import { type CourseProgress, getMyProgress, listQuizAttempts } from './course-api.ts';
import { getLesson, type Lesson } from './get-lesson.ts';
import { getQuiz, type Quiz } from './get-quiz.ts';

export type LessonPage =
  | { state: 'not-found' }
  | { state: 'not-enrolled' }
  | {
      state: 'ok';
      course: CourseDetail;
      lesson: Lesson;
      moduleIndex: number;
      position: number;
      total: number;
      previous: OutlineLesson | undefined;
      next: OutlineLesson | undefined;
      progress: CourseProgress;
      quiz: Quiz | null;
      /** The student's past attempts at the quiz, newest first (without their answers). */
      history: { attemptId: string; score: number; passed: boolean; createdAt: string }[];
    };

/**
 * Everything a lesson page shows, read as the student: the course outline (for its place and its
 * neighbours), the student's progress (which says whether they are enrolled), the lesson's body, its
 * quiz without the answer key, and their past attempts. Directus errors are thrown as they come.
 * Kept for a few seconds (see read-cache.ts): a student paging through a course reads Directus once;
 * the lesson and its quiz, shared by every student, under the content version (decision 016), so an
 * edit shows at once. Only a student's read fills what students share: staff may read more (a lesson's
 * unchecked references, say), so their reads stay theirs.
 */
export async function getLessonPage({
  token,
  slug,
  lessonSlug,
  publishedNow = false,
}: {
  token: string;
  slug: string;
  lessonSlug: string;
  /** The middleware has just read that the lesson is published (a page load, not a client-side navigation). */
  publishedNow?: boolean;
}): Promise<LessonPage> {
  const course = await getCourse({ slug });
  const lessons = course ? lessonsInOrder(course) : [];
  const index = lessons.findIndex((lesson) => lesson.slug === lessonSlug);
  const outline = lessons[index];
  if (!course || !outline) return { state: 'not-found' };
  // Without Redis, content kept under `ttl` shows an edit within the read cache's TTL.
  const [version, staff] = await Promise.all([contentVersion(), isStaff(token)]);
  const shared = <T>(key: string, load: () => Promise<T>) =>
    staff ? studentRead(token, key, load) : contentRead(`${key}:${version ?? 'ttl'}`, load);

  const [published, courses, lesson, quiz] = await Promise.all([
    // The outline and the content below may be a few seconds old: this says, fresh, whether the
    // lesson is still published (past every cache; the middleware has usually just asked, see below).
    publishedNow ? true : courseExists({ slug, lessonSlug }),
    studentRead(token, `progress:${course.id}`, () => getMyProgress({ token, courseId: course.id })),
    shared(`lesson:${course.id}:${lessonSlug}`, () => getLesson({ token, courseSlug: slug, lessonSlug })),
    shared(`quiz:${outline.id}`, () => getQuiz({ token, lessonId: outline.id })),
  ]);
  if (published === false) return { state: 'not-found' };
  // Never serve kept content when Directus cannot say the course is still published.
  if (published === null)
    throw new DirectusError('unavailable', 'Directus could not say whether the lesson is published');
  const progress = courses.find((entry) => entry.courseId === course.id);
  if (!progress) return { state: 'not-enrolled' };
  if (!lesson) return { state: 'not-found' };
  const attempts = quiz
    ? await studentRead(token, `attempts:${quiz.id}`, () => listQuizAttempts({ token, quizId: quiz.id }))
    : [];
  const history = attempts.map(({ attemptId, score, passed, createdAt }) => ({ attemptId, score, passed, createdAt }));
  return {
    state: 'ok',
    course,
    lesson,
    moduleIndex: outline.moduleIndex,
    position: index + 1,
    total: lessons.length,
    previous: lessons[index - 1],
    next: lessons[index + 1],
    progress,
    quiz,
    history,
  };
}
