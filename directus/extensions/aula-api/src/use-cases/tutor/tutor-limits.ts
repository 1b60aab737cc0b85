import { AulaError, checkTutorLimits, type TutorLimits } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { tutorLimitKeys } from './tutor-limit-keys.ts';

function positive(env: Record<string, unknown>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer; got "${String(raw)}"`);
  return n;
}

/** The per-student limits (AULA_TUTOR_MESSAGES_PER_MINUTE, AULA_TUTOR_TOKENS_PER_DAY). */
export function tutorLimits(env: Record<string, unknown>): TutorLimits {
  return {
    messagesPerMinute: positive(env, 'AULA_TUTOR_MESSAGES_PER_MINUTE', 10),
    tokensPerDay: positive(env, 'AULA_TUTOR_TOKENS_PER_DAY', 200_000),
  };
}

/**
 * Counts one message against the caller's minute and refuses it (rate_limited) when a limit is
 * reached. The count is an atomic INCR in Redis under the instance's prefix, so parallel requests
 * cannot all slip under the limit.
 */
export async function takeTutorMessage(ctx: Ctx): Promise<void> {
  const limits = tutorLimits(ctx.env);
  const keys = tutorLimitKeys(ctx.redisPrefix, ctx.user);
  let replies: [Error | null, unknown][];
  try {
    const redis = await ctx.redis();
    replies = (await redis.multi().incr(keys.minute).expire(keys.minute, 120).get(keys.day).exec()) ?? [];
  } catch (error) {
    // Without its counters the tutor cannot keep its limits: it stops rather than runs unmetered.
    ctx.logger.error(error, 'aula: the tutor limits (Redis) did not answer');
    throw new AulaError('unavailable', 'The tutor is unavailable right now; try again in a moment.');
  }
  const count = replies[0]?.[1];
  const tokens = replies[2]?.[1];
  const verdict = checkTutorLimits(
    { messagesThisMinute: Number(count ?? 0), tokensToday: Number(tokens ?? 0) },
    limits,
  );
  if (verdict.ok) return;
  const message =
    verdict.limit === 'messages_per_minute'
      ? `You can send up to ${limits.messagesPerMinute} messages a minute to the tutor. Wait a moment and try again.`
      : `You have used today's tutor allowance (${limits.tokensPerDay} tokens). It renews at midnight UTC.`;
  throw new AulaError('rate_limited', message, [{ field: verdict.limit, message: String(verdict.retryAfterSeconds) }]);
}

/** Adds an answer's tokens to the caller's day. */
export async function countTutorTokens(ctx: Ctx, tokens: number): Promise<void> {
  if (tokens <= 0) return;
  const { day } = tutorLimitKeys(ctx.redisPrefix, ctx.user);
  try {
    await (await ctx.redis())
      .multi()
      .incrby(day, tokens)
      .expire(day, 2 * 86_400)
      .exec();
  } catch (error) {
    // The answer is already given and stored; losing its count is better than losing the answer.
    ctx.logger.error(error, 'aula: the tutor could not count an answer’s tokens (Redis)');
  }
}
