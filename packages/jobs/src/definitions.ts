import { z } from 'zod';

/**
 * Every job of a generation run carries ids, and a course's lesson what its outline said of it (`ahead`);
 * keys and personal data stay in Directus.
 */
const RunJob = z.object({ runId: z.uuid() }).strict();
const LessonJob = RunJob.extend({ lessonId: z.uuid() }).strict();

/**
 * What a course's lesson step needs to start its provider call at once, put on its job by the outline
 * that planned it: the run as the outline read it (its request, provider, model, cost cap) and the
 * lesson's brief (the course's title, audience, level, language and outline, the lesson's title,
 * objectives and minutes: the outline's own output). Without it (a retried run's flow) the step reads
 * them from Directus first. The step still reads the run before it stores anything (a cancel wins).
 */
const AheadRun = z
  .object({
    id: z.uuid(),
    course: z.uuid().nullable(),
    status: z.string(),
    request: z.record(z.string(), z.unknown()).and(z.object({ kind: z.string() })),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    cost_cap_usd: z.number().nullable(),
    progress_total: z.number().nullable(),
  })
  .strict();
export const LessonAhead = z
  .object({
    run: AheadRun,
    brief: z
      .object({
        language: z.string(),
        courseTitle: z.string(),
        audience: z.string(),
        level: z.string(),
        outline: z.string(),
        lessonTitle: z.string(),
        objectives: z.array(z.string()),
        estimatedMinutes: z.number(),
      })
      .strict(),
    /**
     * Which try of the outline's step wrote this brief: the flow is added before the outline's rows are
     * written, so the lesson stores its text only once that step is completed by this same try (a later
     * try wrote another outline: the lesson then reads its brief again).
     */
    outlineAttempt: z.number().int().positive().optional(),
  })
  .strict();
export type LessonAhead = z.infer<typeof LessonAhead>;
const CourseLessonJob = LessonJob.extend({ ahead: LessonAhead.optional() }).strict();
/** A course's outline: the run as the course API created it, so its provider call starts at once. */
export const OutlineAhead = z.object({ run: AheadRun }).strict();
export type OutlineAhead = z.infer<typeof OutlineAhead>;
const OutlineJob = RunJob.extend({ ahead: OutlineAhead.optional() }).strict();

export const JOBS = {
  outline: OutlineJob,
  lesson: CourseLessonJob,
  quiz: LessonJob,
  references: LessonJob,
  assemble: RunJob,
  'regenerate-lesson': LessonJob,
  'regenerate-quiz': LessonJob,
  /** A trend scan's LLM call; the feed items it reads are on the run's request in Directus. */
  'scan-trends': RunJob,
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]>;

export const GENERATION_QUEUE = 'generation';
/**
 * Trend scans have a queue of their own: a person (n8n's workflow) waits for a scan's answer, which
 * must not queue behind a course's lessons; and a worker can serve scans alone.
 */
export const TRENDS_QUEUE = 'trends';
export const QUEUES = [GENERATION_QUEUE, TRENDS_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

export function queueOf(name: JobName): QueueName {
  return name === 'scan-trends' ? TRENDS_QUEUE : GENERATION_QUEUE;
}

/** A job's options besides the defaults: a scan is one try, as its caller is waiting for the answer. */
export const JOB_OPTIONS: Partial<Record<JobName, { attempts: number }>> = { 'scan-trends': { attempts: 1 } };

/** Deterministic ids: adding the same step twice is a no-op in BullMQ, so retries never duplicate work. */
export function jobId(name: JobName, data: { runId: string; lessonId?: string }): string {
  return [data.runId, name, data.lessonId].filter(Boolean).join('.');
}

export function parseJob<N extends JobName>(name: N, data: unknown): JobData<N> {
  return JOBS[name].parse(data) as JobData<N>;
}

/**
 * The periodic re-check of the published courses' references (a repeatable job on the generation
 * queue, no payload): broken ones are hidden from students, ones that work again come back.
 */
export const RECHECK_REFERENCES_JOB = 'recheck-references';
export const RecheckReferencesJob = z.object({}).strict();
/** The job scheduler's id: one schedule per Redis prefix, however many worker hosts upsert it. */
export const RECHECK_REFERENCES_SCHEDULER = 'recheck-references-schedule';
export const DEFAULT_RECHECK_REFERENCES_MS = 24 * 3600 * 1000;

/**
 * The chat channels (Chatwoot's Agent Bot: Telegram, WhatsApp): a queue of their own, so a student's
 * question from their phone never waits behind a course's lessons. `chat-message` is one message a
 * contact sent (the course API's webhook enqueues it; its id is Chatwoot's message id, so a retried
 * delivery is the same job); `chat-reply` is what goes back to Chatwoot, in order (messages, private
 * notes, status, team), retried with backoff while Chatwoot is unreachable.
 */
export const CHANNELS_QUEUE = 'channels';

export const ChatMessageJob = z
  .object({
    accountId: z.number().int().positive(),
    conversationId: z.number().int().positive(),
    messageId: z.number().int().positive(),
    contactId: z.number().int().positive(),
    /** Chatwoot's channel type of the inbox, e.g. `Channel::Telegram`, `Channel::Whatsapp`. */
    channel: z.string().max(64),
    /** The contact's name in Chatwoot, shown on the student's list of linked chats. */
    contactName: z.string().max(128).optional(),
    content: z.string().max(4_000),
  })
  .strict();
export type ChatMessageJob = z.infer<typeof ChatMessageJob>;

export const ChatAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), content: z.string().min(1).max(4_000), private: z.boolean() }).strict(),
  z.object({ kind: z.literal('status'), status: z.enum(['open', 'resolved', 'pending']) }).strict(),
  z.object({ kind: z.literal('team'), teamId: z.number().int().positive() }).strict(),
]);
export type ChatAction = z.infer<typeof ChatAction>;

export const ChatReplyJob = z
  .object({
    accountId: z.number().int().positive(),
    conversationId: z.number().int().positive(),
    /** The contact's message this answers (the job's id). */
    messageId: z.number().int().positive(),
    actions: z.array(ChatAction).min(1).max(10),
    /** How many actions went through already (a retry starts after them). */
    done: z.number().int().min(0).default(0),
  })
  .strict();
export type ChatReplyJob = z.infer<typeof ChatReplyJob>;

export const CHAT_MESSAGE_JOB = 'chat-message';
export const CHAT_REPLY_JOB = 'chat-reply';
/** A reply keeps trying for about an hour and a half (2 s doubling, 12 tries) before it is given up. */
export const CHAT_REPLY_ATTEMPTS = 12;
