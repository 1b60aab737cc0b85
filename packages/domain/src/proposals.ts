import { z } from 'zod';
import { Language, Level } from './course.ts';
import { Provider } from './generation.ts';

/**
 * Topic proposals: n8n's trend scan posts feed items to `POST /aula/proposals/scan`; the course API
 * drops what it has seen, asks the LLM for course proposals and stores them for content managers.
 */
export const TrendItem = z
  .object({
    title: z.string().trim().min(3).max(300),
    url: z.url().max(2048),
    summary: z.string().trim().max(2_000).optional(),
    source: z.string().trim().max(200).optional(),
    publishedAt: z.string().trim().max(64).optional(),
  })
  .strict();
export type TrendItem = z.infer<typeof TrendItem>;

/** Body of `POST /aula/proposals/scan`. */
export const TrendScanRequest = z
  .object({
    items: z.array(TrendItem).min(1).max(200),
    language: Language.default('es'),
    audience: z.string().trim().max(300).optional(),
    maxProposals: z.number().int().min(1).max(10).default(5),
    /** Proposals scoring at least `minScore` become course requests at once. */
    autoRequest: z
      .object({
        minScore: z.number().min(0).max(1),
        lessonCount: z.number().int().min(1).max(20),
        level: Level.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TrendScanRequest = z.infer<typeof TrendScanRequest>;

/** LLM structured output of a trend scan. */
export const ProposalsOutput = z
  .object({
    proposals: z
      .array(
        z
          .object({
            title: z.string().min(3).max(200),
            audience: z.string().min(3).max(300),
            whyNow: z.string().min(10).max(1_500),
            sourceLinks: z.array(z.string().max(2048)).min(1).max(5),
            score: z.number().min(0).max(1),
          })
          .strict(),
      )
      .max(10),
  })
  .strict();
export type ProposalsOutput = z.infer<typeof ProposalsOutput>;

/** Body of `POST /aula/proposals/:id/accept`: the proposal becomes a course request with these settings. */
export const AcceptProposalRequest = z
  .object({
    lessonCount: z.number().int().min(1).max(20).default(5),
    level: Level.optional(),
    provider: Provider.optional(),
    model: z.string().trim().min(1).max(128).optional(),
    costCapUsd: z.number().positive().max(1_000).optional(),
  })
  .strict();
export type AcceptProposalRequest = z.infer<typeof AcceptProposalRequest>;

/**
 * The key two titles share when they name the same topic: lower case, no accents, no punctuation,
 * single spaces ("¡Introducción a Rust!" and "introduccion a rust" match).
 */
export function topicFingerprint(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * What Aula posts to the course-ready webhook (n8n's "Course ready" workflow) when a run ends:
 * a course run reached review (`run.completed`) or any run failed (`run.failed`).
 */
export const CourseReadyEvent = z
  .object({
    event: z.enum(['run.completed', 'run.failed']),
    runId: z.uuid(),
    runKind: z.enum(['course', 'lesson', 'quiz']),
    courseId: z.uuid().nullable(),
    courseTitle: z.string().nullable(),
    error: z.string().nullable(),
    /** The studio page of the run, when AULA_PUBLIC_URL is set. */
    url: z.string().nullable(),
    at: z.string(),
  })
  .strict();
export type CourseReadyEvent = z.infer<typeof CourseReadyEvent>;
