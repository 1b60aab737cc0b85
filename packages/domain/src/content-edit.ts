import { z } from 'zod';

// What a content manager may save from the studio's review page, checked by the site before it goes
// to Directus (which checks again).

export const MAX_LESSON_CHARS = 60_000;
export const MAX_PROMPT_CHARS = 1_000;
export const MAX_OPTION_CHARS = 300;
export const MAX_EXPLANATION_CHARS = 2_000;

/** Body of the studio's `PATCH /api/studio/lessons/:id`: the lesson's Markdown. */
export const LessonEdit = z.object({ body: z.string().trim().min(1).max(MAX_LESSON_CHARS) });
export type LessonEdit = z.infer<typeof LessonEdit>;

/** Body of the studio's `PATCH /api/studio/questions/:id`: prompt, four options, the key, an explanation. */
export const QuestionEdit = z.object({
  prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
  options: z.array(z.string().trim().min(1).max(MAX_OPTION_CHARS)).length(4),
  correctOption: z.number().int().min(0).max(3),
  explanation: z.string().max(MAX_EXPLANATION_CHARS),
});
export type QuestionEdit = z.infer<typeof QuestionEdit>;

/** Body of the studio's `POST /api/studio/preview`: Markdown to render as students will read it. */
export const PreviewRequest = z.object({ markdown: z.string().max(MAX_LESSON_CHARS) });
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const MAX_TITLE_CHARS = 200;
export const MAX_SUMMARY_CHARS = 1_500;
export const MAX_OBJECTIVE_CHARS = 300;
export const MAX_OBJECTIVES = 8;

/** Body of the studio's `PATCH /api/studio/courses/:id`: the course's title and summary. */
export const CourseEdit = z.object({
  title: z.string().trim().min(3).max(MAX_TITLE_CHARS),
  summary: z.string().trim().max(MAX_SUMMARY_CHARS),
});
export type CourseEdit = z.infer<typeof CourseEdit>;

/** Body of the studio's `PATCH /api/studio/lessons/:id/objectives`: what the lesson teaches, one line each. */
export const ObjectivesEdit = z.object({
  objectives: z.array(z.string().trim().min(3).max(MAX_OBJECTIVE_CHARS)).max(MAX_OBJECTIVES),
});
export type ObjectivesEdit = z.infer<typeof ObjectivesEdit>;
