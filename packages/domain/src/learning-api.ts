import { z } from 'zod';
import { Language } from './course.ts';
import { EnrollmentStatus } from './learning.ts';
import { QuizPolicy } from './quiz-policy.ts';

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

const Score = z.number().int().min(0).max(100);

/** One quiz of a course as the learner stands with it, under the quiz's attempt policy. */
export const QuizProgress = z.object({
  quizId: Id,
  lessonId: Id,
  /** The score that counts: the best or the last attempt's, as the policy says. */
  score: Score.nullable(),
  bestScore: Score.nullable(),
  passed: z.boolean(),
  attempts: z.number().int().min(0),
  /** null = unlimited. */
  attemptsLeft: z.number().int().min(0).nullable(),
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

/**
 * One graded question. Whether it was right, and the section to reread, always; the correct option and
 * the explanation only when the quiz's policy shows the key (otherwise both are null).
 */
export const QuestionResult = z.object({
  questionId: Id,
  prompt: z.string(),
  chosen: z.number().int().min(0).max(3).nullable(),
  correctOption: z.number().int().min(0).max(3).nullable(),
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
  /** This attempt's score, and whether this attempt reached the pass mark. */
  score: Score,
  passed: z.boolean(),
  passScore: Score,
  bestScore: Score,
  /** The quiz's score under the policy (best or last attempt), and whether the quiz counts as passed. */
  quizScore: Score,
  quizPassed: z.boolean(),
  attempts: z.number().int().min(1),
  attemptsLeft: z.number().int().min(0).nullable(),
  /** Whether `results` carry the correct options and explanations. */
  keyShown: z.boolean(),
  policy: QuizPolicy,
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

/** `GET /aula/quizzes/:id/attempts`: the key shows in every attempt's results once the policy allows, in none before. */
export const QuizAttemptList = z.object({
  attempts: z.array(QuizAttempt),
  attemptsLeft: z.number().int().min(0).nullable(),
  keyShown: z.boolean(),
  policy: QuizPolicy,
});
export type QuizAttemptList = z.infer<typeof QuizAttemptList>;
