import { z } from 'zod';
import { Language } from './course.ts';

/**
 * The tutor: bodies and answers of the course API's /aula/tutor routes and of the web's
 * POST /api/tutor/messages. See docs/openapi.yaml and docs/decisions/007-tutor.md.
 */

const Id = z.uuid();
const Timestamp = z.iso.datetime({ offset: true });

/** The longest answer the tutor may give, in tokens: the web asks for no more, the budget holds this much. */
export const TUTOR_MAX_OUTPUT_TOKENS = 800;
/** How many earlier messages of a conversation go back to the model with a new one. */
export const TUTOR_HISTORY_MESSAGES = 20;

/** A student's message: text only, at most this many characters. */
export const TUTOR_MESSAGE_MAX_CHARS = 4000;

export const TUTOR_MESSAGE_STATUSES = ['complete', 'stopped', 'error'] as const;
export const TutorMessageStatus = z.enum(TUTOR_MESSAGE_STATUSES);
export type TutorMessageStatus = z.infer<typeof TutorMessageStatus>;

/** Body of `POST /api/tutor/messages` (web) and `POST /aula/tutor/turns` (course API). */
export const TutorTurnRequest = z
  .object({
    lessonId: Id,
    conversationId: Id.optional(),
    message: z
      .string({ error: 'message must be text' })
      .transform((s) => s.trim())
      .pipe(
        z
          .string()
          .min(1, 'message is empty')
          .max(TUTOR_MESSAGE_MAX_CHARS, `message is longer than ${TUTOR_MESSAGE_MAX_CHARS} characters`),
      ),
  })
  .strict();
export type TutorTurnRequest = z.infer<typeof TutorTurnRequest>;

/**
 * One graded question of the student's latest submitted attempt: only ever sent after submission, and
 * with the correct option and explanation only when the quiz's policy shows the key (null before).
 */
export const TutorQuestionResult = z.object({
  prompt: z.string(),
  options: z.array(z.string()),
  chosen: z.number().int().nullable(),
  correctOption: z.number().int().nullable(),
  correct: z.boolean(),
  explanation: z.string().nullable(),
  lessonSection: z.string().nullable(),
});
export type TutorQuestionResult = z.infer<typeof TutorQuestionResult>;

/**
 * The lesson's quiz as the tutor may know it. Before any submission: the questions without their key.
 * After one: the latest attempt's results as the student was shown them (the key only once the quiz's
 * attempt policy shows it: decision 011).
 */
export const TutorQuiz = z.discriminatedUnion('submitted', [
  z.object({
    submitted: z.literal(false),
    title: z.string(),
    passScore: z.number().int(),
    questions: z.array(z.object({ prompt: z.string(), options: z.array(z.string()) })),
  }),
  z.object({
    submitted: z.literal(true),
    title: z.string(),
    passScore: z.number().int(),
    passed: z.boolean(),
    bestScore: z.number().int(),
    attempts: z.number().int().min(1),
    /** The policy shows the key: `latest.results` carry correct options and explanations. */
    keyShown: z.boolean(),
    latest: z.object({ score: z.number().int(), results: z.array(TutorQuestionResult) }),
  }),
]);
export type TutorQuiz = z.infer<typeof TutorQuiz>;

/** `GET /aula/tutor/context?lesson=`: everything the tutor knows about the lesson on screen and the student. */
export const TutorContext = z.object({
  course: z.object({ id: Id, title: z.string(), language: Language, summary: z.string().nullable() }),
  lesson: z.object({
    id: Id,
    title: z.string(),
    body: z.string(),
    objectives: z.array(z.string()),
  }),
  outline: z.array(
    z.object({
      title: z.string(),
      lessons: z.array(z.object({ id: Id, title: z.string(), done: z.boolean() })),
    }),
  ),
  /** 1-based place of the lesson in the course, and how many lessons there are. */
  position: z.number().int().min(1),
  total: z.number().int().min(1),
  quiz: TutorQuiz.nullable(),
});
export type TutorContext = z.infer<typeof TutorContext>;

export const TutorMessage = z.object({
  id: Id,
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: TutorMessageStatus,
  createdAt: Timestamp,
});
export type TutorMessage = z.infer<typeof TutorMessage>;

export const TutorConversationSummary = z.object({
  id: Id,
  lessonId: Id,
  title: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TutorConversationSummary = z.infer<typeof TutorConversationSummary>;

export const TutorConversationList = z.object({ conversations: z.array(TutorConversationSummary) });
export type TutorConversationList = z.infer<typeof TutorConversationList>;

export const TutorConversation = TutorConversationSummary.extend({ messages: z.array(TutorMessage) });
export type TutorConversation = z.infer<typeof TutorConversation>;

/** `POST /aula/tutor/turns`: the student's message is stored; what the web needs to ask the model. */
export const TutorTurn = z.object({
  conversationId: Id,
  userMessageId: Id,
  /** Earlier messages of the conversation, oldest first (the new one excluded). */
  history: z.array(TutorMessage),
  context: TutorContext,
});
export type TutorTurn = z.infer<typeof TutorTurn>;

/** Body of `POST /aula/tutor/conversations/:id/replies` (the web server only: it carries the service key). */
export const TutorReply = z
  .object({
    content: z.string().max(100_000),
    status: TutorMessageStatus,
    error: z.string().max(2000).optional(),
    provider: z.string().max(64).optional(),
    model: z.string().max(128).optional(),
    tokensIn: z.number().int().min(0),
    tokensOut: z.number().int().min(0),
    latencyMs: z.number().int().min(0).optional(),
    ttftMs: z.number().int().min(0).optional(),
    /** The turn this answers (`TutorTurn.userMessageId`): its budget reservation is settled with these tokens. */
    userMessageId: Id.optional(),
  })
  .strict();
export type TutorReply = z.infer<typeof TutorReply>;

export const TutorReplyStored = z.object({ messageId: Id });
export type TutorReplyStored = z.infer<typeof TutorReplyStored>;

/** Per-student limits; a turn is refused (rate_limited) once either is reached. */
export type TutorLimits = { messagesPerMinute: number; tokensPerDay: number };
export type TutorUsage = { messagesThisMinute: number; tokensToday: number };

/**
 * Whether one more message is allowed. `messagesThisMinute` counts this message too (it is counted
 * before the check, atomically, so parallel requests cannot all slip through).
 */
export function checkTutorLimits(
  usage: TutorUsage,
  limits: TutorLimits,
): { ok: true } | { ok: false; limit: 'messages_per_minute' | 'tokens_per_day'; retryAfterSeconds: number } {
  if (usage.tokensToday >= limits.tokensPerDay) {
    return { ok: false, limit: 'tokens_per_day', retryAfterSeconds: secondsToNextUtcDay() };
  }
  if (usage.messagesThisMinute > limits.messagesPerMinute) {
    return { ok: false, limit: 'messages_per_minute', retryAfterSeconds: 60 };
  }
  return { ok: true };
}

export function secondsToNextUtcDay(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
