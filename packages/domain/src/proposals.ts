import { z } from 'zod';
import { Language, Level } from './course.ts';
import { ProposalStatus, Provider } from './generation.ts';

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
    /**
     * The best proposals scoring at least `minScore` become course requests at once: at most
     * `maxRequests` a scan (feed text is untrusted; it must not buy many courses), each with the cost cap.
     */
    autoRequest: z
      .object({
        minScore: z.number().min(0).max(1),
        lessonCount: z.number().int().min(1).max(20),
        level: Level.optional(),
        maxRequests: z.number().int().min(1).max(5).default(1),
        costCapUsd: z.number().positive().max(1_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TrendScanRequest = z.infer<typeof TrendScanRequest>;

const Usage = z.object({
  provider: z.string().nullable(),
  model: z.string().nullable(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
});

/** Answer of `POST /aula/proposals/scan`: what was stored (and requested), and what the LLM call cost. */
export const TrendScanResult = z.object({
  proposals: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      score: z.number(),
      status: ProposalStatus,
      courseId: z.uuid().nullable(),
      runId: z.uuid().nullable(),
    }),
  ),
  /** Posted items dropped because their topic is already a course or a proposal (or repeated). */
  skippedItems: z.number().int(),
  /** The `generation_runs` row recording the LLM call (`request.kind: scan`); null when none was made. */
  scanRunId: z.uuid().nullable(),
  usage: Usage,
});
export type TrendScanResult = z.infer<typeof TrendScanResult>;

/** A stored proposal as `GET /aula/proposals` shows it. */
export const ProposalView = z.object({
  id: z.uuid(),
  title: z.string(),
  audience: z.string().nullable(),
  language: Language,
  rationale: z.string().nullable(),
  sourceLinks: z.array(z.string()),
  score: z.number().nullable(),
  status: ProposalStatus,
  courseId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type ProposalView = z.infer<typeof ProposalView>;

/** Answer of `POST /aula/proposals/:id/accept`. */
export const AcceptProposalResult = z.object({ proposalId: z.uuid(), runId: z.uuid(), courseId: z.uuid() });
export type AcceptProposalResult = z.infer<typeof AcceptProposalResult>;

/** LLM structured output of a trend scan. */
export const ProposalsOutput = z
  .object({
    proposals: z
      .array(
        z
          .object({
            title: z.string().trim().min(3).max(200),
            audience: z.string().trim().min(3).max(300),
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
 * a course run reached review (`run.completed`) or any run failed (`run.failed`). It carries no error
 * text: it is posted to chat channels, and a run's error may name provider hosts, models or quotas;
 * the reason is read in the studio (`url`).
 */
export const CourseReadyEvent = z
  .object({
    event: z.enum(['run.completed', 'run.failed']),
    runId: z.uuid(),
    runKind: z.enum(['course', 'lesson', 'quiz']),
    courseId: z.uuid().nullable(),
    courseTitle: z.string().nullable(),
    /** The studio page of the run, when AULA_PUBLIC_URL is set. */
    url: z.string().nullable(),
    at: z.string(),
  })
  .strict();
export type CourseReadyEvent = z.infer<typeof CourseReadyEvent>;
