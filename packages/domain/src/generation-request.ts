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
  // A trend scan's one LLM call (no course, one step): its settings and the feed items it reads, the new
  // topics only, as plain text (the worker's scan job reads them from here; payloads carry ids only).
  TrendScanRequest.extend({ kind: z.literal('scan'), itemCount: z.number().int() }),
]);
export type RunRequest = z.infer<typeof RunRequest>;

/**
 * LLM structured output: the course outline. Lessons are one flat list, each naming its module by
 * number, so that the lesson count a request asks for is one `minItems`/`maxItems` pair in the
 * JSON Schema every provider is sent (see `outlineFor`).
 */
export const OutlineOutput = z
  .object({
    title: z.string().min(3).max(200),
    summary: z.string().min(10).max(1_500),
    audience: z.string().min(3).max(300),
    modules: z
      .array(z.object({ title: z.string().min(3).max(200), summary: z.string().max(1_000) }).strict())
      .min(1)
      .max(10),
    lessons: z
      .array(
        z
          .object({
            module: z.number().int().min(1).max(10).describe('The number of its module in `modules` (1 is the first).'),
            title: z.string().min(3).max(200),
            objectives: z.array(z.string().min(3).max(300)).min(2).max(5),
            estimatedMinutes: z.number().int().min(5).max(120),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();
export type OutlineOutput = z.infer<typeof OutlineOutput>;

/**
 * The outline of a course of `lessonCount` lessons: exactly that many in the schema sent; a surplus
 * is trimmed before validation (the first ones are kept, modules left empty are dropped), a
 * shortfall is invalid (the one repair call asks again), and every lesson names a module that exists.
 */
export function outlineFor(lessonCount: number) {
  const exact = OutlineOutput.extend({
    lessons: OutlineOutput.shape.lessons
      .min(lessonCount, `the outline must have exactly ${lessonCount} lessons; it had fewer`)
      .max(lessonCount),
  }).refine((o) => o.lessons.every((l) => l.module <= o.modules.length), {
    message: 'every lesson must name the number of a module listed in `modules`',
    path: ['lessons'],
  });
  return z.preprocess((raw) => trimLessons(raw, lessonCount), exact);
}

function trimLessons(raw: unknown, lessonCount: number): unknown {
  const outline = raw as { modules?: unknown; lessons?: unknown } | null;
  if (!outline || !Array.isArray(outline.lessons) || !Array.isArray(outline.modules)) return raw;
  if (outline.lessons.length <= lessonCount) return raw;
  const lessons = outline.lessons.slice(0, lessonCount) as { module?: unknown }[];
  const used = outline.modules.map((_, i) => lessons.some((l) => l?.module === i + 1));
  if (used.every(Boolean) || lessons.some((l) => typeof l?.module !== 'number')) return { ...outline, lessons };
  const renumber = new Map<number, number>();
  used.forEach((u, i) => {
    if (u) renumber.set(i + 1, renumber.size + 1);
  });
  return {
    ...outline,
    modules: outline.modules.filter((_, i) => used[i]),
    lessons: lessons.map((l) => ({ ...l, module: renumber.get(l.module as number) ?? l.module })),
  };
}

/** LLM structured output: one lesson's Markdown. */
export const LessonOutput = z.object({ markdown: z.string().min(200).max(40_000) }).strict();
export type LessonOutput = z.infer<typeof LessonOutput>;

/** LLM structured output: one question of a quiz. */
export const QuizQuestionOutput = z
  .object({
    prompt: z.string().min(5).max(1_000),
    options: z.array(z.string().min(1).max(300)).length(4),
    correctOption: z.number().int().min(0).max(3),
    explanation: z.string().min(10).max(1_500),
    lessonSection: z.string().max(200),
  })
  .strict();
export type QuizQuestionOutput = z.infer<typeof QuizQuestionOutput>;

/** LLM structured output: one lesson's quiz. */
export const QuizOutput = z.object({ questions: z.array(QuizQuestionOutput).min(4).max(8) }).strict();
export type QuizOutput = z.infer<typeof QuizOutput>;

/** LLM structured output: the questions that failed the quiz checks, rewritten in the order asked (decision 020). */
export const QuizFixOutput = z.object({ questions: z.array(QuizQuestionOutput).min(1).max(8) }).strict();
export type QuizFixOutput = z.infer<typeof QuizFixOutput>;

/** LLM structured output: the optional model check of a quiz's wording, a verdict per question (decision 020). */
export const QuizAmbiguityOutput = z
  .object({
    questions: z
      .array(
        z
          .object({
            number: z.number().int().min(1).max(8),
            ambiguous: z.boolean(),
            reason: z.string().max(500),
          })
          .strict(),
      )
      .max(8),
  })
  .strict();
export type QuizAmbiguityOutput = z.infer<typeof QuizAmbiguityOutput>;
