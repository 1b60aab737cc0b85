import { z } from 'zod';

/**
 * What the studio's analytics read from the course API (`GET /aula/courses/:id/analytics`,
 * `GET /aula/courses/:id/conversations`): figures aggregated in PostgreSQL, for content managers and
 * administrators only (decision 019). See docs/openapi.yaml.
 */

const Id = z.uuid();
const Share = z.number().min(0).max(1);

/**
 * A gap between two recorded steps of a student longer than this is a break, not time spent
 * (time spent is estimated from timestamps: see decision 019).
 */
export const ACTIVITY_GAP_MINUTES = 180;
/** Questions answered fewer times than this (first attempts) are not flagged: too few to judge. */
export const MIN_ANSWERS_TO_FLAG = 5;

/** Why a question looks broken. */
export const QUESTION_FLAGS = ['negative_discrimination', 'distractor_beats_key', 'too_easy', 'too_hard'] as const;
export const QuestionFlag = z.enum(QUESTION_FLAGS);
export type QuestionFlag = z.infer<typeof QuestionFlag>;

export const QuizFigures = z.object({
  id: Id,
  passScore: z.number().int(),
  attempts: z.number().int(),
  /** Students with at least one attempt. */
  students: z.number().int(),
  /** Students who passed under the quiz's score rule (best or last attempt). */
  passed: z.number().int(),
  firstAttemptPassed: z.number().int(),
  /** Mean score (0–100) of students' first attempts; null without attempts. */
  firstAttemptMeanScore: z.number().nullable(),
});
export type QuizFigures = z.infer<typeof QuizFigures>;

export const LessonFigures = z.object({
  id: Id,
  title: z.string(),
  slug: z.string(),
  /** Students who marked the lesson done. */
  completed: z.number().int(),
  /** Median minutes from the student's previous recorded step to completing this lesson (gaps over ACTIVITY_GAP_MINUTES left out). */
  medianMinutes: z.number().nullable(),
  quiz: QuizFigures.nullable(),
});
export type LessonFigures = z.infer<typeof LessonFigures>;

export const QuestionFigures = z.object({
  id: Id,
  quizId: Id,
  lessonId: Id,
  prompt: z.string(),
  options: z.array(z.string()),
  correctOption: z.number().int(),
  section: z.string().nullable(),
  /** First attempts that included this question. */
  answered: z.number().int(),
  /** Share of those answered correctly (the classical "difficulty" or p-value); null when unanswered. */
  difficulty: Share.nullable(),
  /** Point-biserial correlation between this question (0/1) and the rest of the quiz's score; null when undefined. */
  discrimination: z.number().min(-1).max(1).nullable(),
  /** How often each option was chosen, by option index. */
  chosen: z.array(z.number().int()),
  flags: z.array(QuestionFlag),
});
export type QuestionFigures = z.infer<typeof QuestionFigures>;

export const SectionHotspot = z.object({
  lessonId: Id,
  lessonTitle: z.string(),
  lessonSlug: z.string(),
  anchor: z.string(),
  /** The heading's text, or the anchor when the lesson no longer has that heading. */
  heading: z.string(),
  /** Wrong answers (all attempts) to questions that point at this section. */
  wrongAnswers: z.number().int(),
  /** Students' tutor messages about this lesson matched to this section (see decision 019). */
  tutorQuestions: z.number().int(),
});
export type SectionHotspot = z.infer<typeof SectionHotspot>;

export const CourseAnalytics = z.object({
  courseId: Id,
  courseSlug: z.string(),
  title: z.string(),
  language: z.string(),
  enrolments: z.object({
    total: z.number().int(),
    completed: z.number().int(),
    unit: z.enum(['day', 'week']),
    /** New enrolments per day (or per week, Monday first, when they span more than 90 days); `period` is YYYY-MM-DD. */
    series: z.array(z.object({ period: z.string(), count: z.number().int() })),
  }),
  time: z.object({
    /** Students with at least one recorded step after enrolling. */
    students: z.number().int(),
    medianMinutes: z.number().nullable(),
    totalMinutes: z.number(),
  }),
  lessons: z.array(LessonFigures),
  questions: z.array(QuestionFigures),
  hotspots: z.array(SectionHotspot),
  /** How long the aggregate queries took, ms. */
  queryMs: z.number(),
});
export type CourseAnalytics = z.infer<typeof CourseAnalytics>;

/** Query of `GET /aula/courses/:id/conversations`: all optional. */
export const ConversationFilter = z.object({
  q: z.string().trim().max(100).optional(),
  lesson: Id.optional(),
  student: Id.optional(),
  flagged: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
});
export type ConversationFilter = z.infer<typeof ConversationFilter>;

export const ConversationSummary = z.object({
  id: Id,
  lessonId: Id,
  lessonTitle: z.string(),
  student: z.object({ id: Id, name: z.string() }),
  title: z.string().nullable(),
  messages: z.number().int(),
  /** An answer of the tutor stopped short or failed (status `stopped` or `error`). */
  flagged: z.boolean(),
  updatedAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationReviewList = z.object({
  conversations: z.array(ConversationSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Everyone with a conversation in the course, for the filter. */
  students: z.array(z.object({ id: Id, name: z.string() })),
  /** The course and its lessons in reading order, for the page and the filter. */
  course: z.object({ title: z.string(), language: z.string() }),
  lessons: z.array(z.object({ id: Id, title: z.string() })),
});
export type ConversationReviewList = z.infer<typeof ConversationReviewList>;

export const ConversationReview = ConversationSummary.omit({ messages: true }).extend({
  messages: z.array(
    z.object({
      id: Id,
      role: z.enum(['user', 'assistant']),
      content: z.string(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type ConversationReview = z.infer<typeof ConversationReview>;
