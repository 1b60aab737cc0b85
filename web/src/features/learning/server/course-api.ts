import 'server-only';
import {
  type CourseProgress,
  Enrollment,
  LessonCompletion,
  MyProgress,
  type QuizAttempt,
  QuizAttemptList,
  QuizAttemptResult,
} from '@aula/domain';
import type { z } from 'zod';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// The student side of Aula's course API (the Directus endpoint extension mounted at /aula), with the
// schemas of @aula/domain. Every call carries the student's own access token; the API answers only
// about that student.

export type { CourseProgress, QuizAttempt, QuizAttemptResult } from '@aula/domain';

async function call<T extends z.ZodType>(
  schema: T,
  request: { method: 'GET' | 'POST'; path: string; token: string; body?: unknown; params?: Record<string, string> },
): Promise<z.output<T>> {
  const json = await directusFetch({ ...request, path: `/aula${request.path}` });
  return parseAnswer(`${request.method} /aula${request.path}`, schema, json);
}

const id = (value: string) => encodeURIComponent(value);

export function enrollInCourse({ token, courseId }: { token: string; courseId: string }): Promise<Enrollment> {
  return call(Enrollment, { method: 'POST', path: `/courses/${id(courseId)}/enroll`, token, body: {} });
}

export function completeLesson({ token, lessonId }: { token: string; lessonId: string }): Promise<LessonCompletion> {
  return call(LessonCompletion, { method: 'POST', path: `/lessons/${id(lessonId)}/complete`, token, body: {} });
}

export function submitQuizAttempt({
  token,
  quizId,
  answers,
}: {
  token: string;
  quizId: string;
  answers: number[];
}): Promise<QuizAttemptResult> {
  return call(QuizAttemptResult, { method: 'POST', path: `/quizzes/${id(quizId)}/attempts`, token, body: { answers } });
}

/** The student's own attempts at a quiz, newest first. */
export async function listQuizAttempts({ token, quizId }: { token: string; quizId: string }): Promise<QuizAttempt[]> {
  const { attempts } = await call(QuizAttemptList, { method: 'GET', path: `/quizzes/${id(quizId)}/attempts`, token });
  return attempts.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The courses the student is enrolled in, with their progress (only that course when `courseId` is given). */
export async function getMyProgress({
  token,
  courseId,
}: {
  token: string;
  courseId?: string;
}): Promise<CourseProgress[]> {
  const { courses } = await call(MyProgress, {
    method: 'GET',
    path: '/me/progress',
    token,
    ...(courseId ? { params: { course: courseId } } : {}),
  });
  return courses;
}
