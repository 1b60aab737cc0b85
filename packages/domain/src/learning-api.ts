import { z } from 'zod';
import { Language } from './course.ts';
import { EnrollmentStatus } from './learning.ts';

/**
 * Bodies and answers of the learner side of the course API: enrolment, lesson progress, quiz attempts
 * (graded on the server). See docs/openapi.yaml.
 */

const Id = z.uuid();
const Timestamp = z.iso.datetime({ offset: true });

/** Body of `POST /aula/quizzes/:id/attempts`: one option index (0–3) per question, in question order. */
export const QuizAttemptRequest = z
  .object({
    answers: z.array(z.number().int().min(0).max(3)).min(1).max(50),
  })
  .strict();
export type QuizAttemptRequest = z.infer<typeof QuizAttemptRequest>;

/** `POST /aula/courses/:id/enroll`. */
export const Enrollment = z.object({
  enrollmentId: Id,
  courseId: Id,
  status: EnrollmentStatus,
  enrolledAt: Timestamp,
});
export type Enrollment = z.infer<typeof Enrollment>;

/** One quiz of a course as the learner stands with it. */
export const QuizProgress = z.object({
  quizId: Id,
  lessonId: Id,
  bestScore: z.number().int().min(0).max(100).nullable(),
  passed: z.boolean(),
  attempts: z.number().int().min(0),
});
export type QuizProgress = z.infer<typeof QuizProgress>;

/** A learner's progress in one course; `percent` counts lessons done and quizzes passed alike. */
export const CourseProgress = z.object({
  courseId: Id,
  slug: z.string(),
  title: z.string(),
  language: Language,
  status: EnrollmentStatus,
  enrolledAt: Timestamp,
  lastLessonId: Id.nullable(),
  lessonsDone: z.array(Id),
  lessonsTotal: z.number().int().min(0),
  quizzes: z.array(QuizProgress),
  quizzesPassed: z.number().int().min(0),
  quizzesTotal: z.number().int().min(0),
  percent: z.number().int().min(0).max(100),
});
export type CourseProgress = z.infer<typeof CourseProgress>;

/** `GET /aula/me/progress`. */
export const MyProgress = z.object({ courses: z.array(CourseProgress) });
export type MyProgress = z.infer<typeof MyProgress>;

/** `POST /aula/lessons/:id/complete`. */
export const LessonCompletion = z.object({
  lessonId: Id,
  courseId: Id,
  completedAt: Timestamp,
  progress: CourseProgress,
});
export type LessonCompletion = z.infer<typeof LessonCompletion>;

/**
 * `POST /aula/lessons/:id/open`: the lesson the caller opened becomes the last lesson of the caller's own
 * enrolment in its course; `recorded` is false when the caller is not enrolled (staff looking at it).
 */
export const LessonOpened = z.object({ lessonId: Id, courseId: Id, recorded: z.boolean() });
export type LessonOpened = z.infer<typeof LessonOpened>;

/** One graded question: the answer key, shown only once the attempt is submitted. */
export const QuestionResult = z.object({
  questionId: Id,
  prompt: z.string(),
  chosen: z.number().int().min(0).max(3).nullable(),
  correctOption: z.number().int().min(0).max(3),
  correct: z.boolean(),
  explanation: z.string().nullable(),
  lessonSection: z.string().nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

/** `POST /aula/quizzes/:id/attempts`: the graded attempt and where the learner stands on the quiz. */
export const QuizAttemptResult = z.object({
  attemptId: Id,
  quizId: Id,
  lessonId: Id,
  score: z.number().int().min(0).max(100),
  passed: z.boolean(),
  passScore: z.number().int().min(0).max(100),
  bestScore: z.number().int().min(0).max(100),
  attempts: z.number().int().min(1),
  results: z.array(QuestionResult),
});
export type QuizAttemptResult = z.infer<typeof QuizAttemptResult>;

/** One past attempt of the caller, newest first in `GET /aula/quizzes/:id/attempts`. */
export const QuizAttempt = z.object({
  attemptId: Id,
  score: z.number().int().min(0).max(100),
  passed: z.boolean(),
  createdAt: Timestamp,
  answers: z.array(z.number().int()),
  results: z.array(QuestionResult),
});
export type QuizAttempt = z.infer<typeof QuizAttempt>;

export const QuizAttemptList = z.object({ attempts: z.array(QuizAttempt) });
export type QuizAttemptList = z.infer<typeof QuizAttemptList>;
