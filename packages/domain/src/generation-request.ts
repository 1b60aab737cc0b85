import { z } from 'zod';
import { Language, Level } from './course.ts';
import { Provider } from './generation.ts';
import { TrendScanRequest } from './proposals.ts';

/** Body of `POST /aula/courses/generate`. */
export const GenerateCourseRequest = z
  .object({
    topic: z.string().trim().min(3).max(200),
    syllabus: z.string().trim().max(60_000).optional(),
    audience: z.string().trim().max(300).optional(),
    language: Language,
    lessonCount: z.number().int().min(1).max(20),
    level: Level.optional(),
    provider: Provider.optional(),
    model: z.string().trim().min(1).max(128).optional(),
    costCapUsd: z.number().positive().max(1_000).optional(),
  })
  .strict();
export type GenerateCourseRequest = z.infer<typeof GenerateCourseRequest>;

/** Body of `POST /aula/lessons/:id/regenerate` and `POST /aula/quizzes/:id/regenerate`. */
export const RegenerateRequest = z
  .object({
    instruction: z.string().trim().min(3).max(2_000),
    provider: Provider.optional(),
    model: z.string().trim().min(1).max(128).optional(),
    /** What this regeneration may cost; AULA_REGENERATION_COST_CAP_USD when not given. */
    costCapUsd: z.number().positive().max(1_000).optional(),
  })
  .strict();
export type RegenerateRequest = z.infer<typeof RegenerateRequest>;

/** What a generation run was asked to do; stored as the run's `request`. */
export const RunRequest = z.discriminatedUnion('kind', [
  GenerateCourseRequest.extend({ kind: z.literal('course') }),
  RegenerateRequest.extend({ kind: z.literal('lesson'), lessonId: z.uuid() }),
  RegenerateRequest.extend({ kind: z.literal('quiz'), quizId: z.uuid(), lessonId: z.uuid() }),
  // A trend scan's one LLM call (no course, no steps): its settings, not the posted items.
  TrendScanRequest.omit({ items: true }).extend({ kind: z.literal('scan'), itemCount: z.number().int() }),
]);
export type RunRequest = z.infer<typeof RunRequest>;

/** LLM structured output: the course outline. */
export const OutlineOutput = z
  .object({
    title: z.string().min(3).max(200),
    summary: z.string().min(10).max(1_500),
    audience: z.string().min(3).max(300),
    modules: z
      .array(
        z
          .object({
            title: z.string().min(3).max(200),
            summary: z.string().max(1_000),
            lessons: z
              .array(
                z
                  .object({
                    title: z.string().min(3).max(200),
                    objectives: z.array(z.string().min(3).max(300)).min(2).max(5),
                    estimatedMinutes: z.number().int().min(5).max(120),
                  })
                  .strict(),
              )
              .min(1)
              .max(20),
          })
          .strict(),
      )
      .min(1)
      .max(10),
  })
  .strict();
export type OutlineOutput = z.infer<typeof OutlineOutput>;

/** LLM structured output: one lesson's Markdown. */
export const LessonOutput = z.object({ markdown: z.string().min(200).max(40_000) }).strict();
export type LessonOutput = z.infer<typeof LessonOutput>;

/** LLM structured output: one lesson's quiz. */
export const QuizOutput = z
  .object({
    questions: z
      .array(
        z
          .object({
            prompt: z.string().min(5).max(1_000),
            options: z.array(z.string().min(1).max(300)).length(4),
            correctOption: z.number().int().min(0).max(3),
            explanation: z.string().min(10).max(1_500),
            lessonSection: z.string().max(200),
          })
          .strict(),
      )
      .min(4)
      .max(8),
  })
  .strict();
export type QuizOutput = z.infer<typeof QuizOutput>;
