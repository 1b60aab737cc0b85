import { timingSafeEqual } from 'node:crypto';
import { AulaError, invalidFromIssues, TutorReply, type TutorReplyStored } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { readConversation } from './conversations.ts';
import { settleTutorTurn } from './tutor-budget.ts';
import { countTutorTokens } from './tutor-limits.ts';

/** The header that carries the web server's key: only it may store the tutor's answers. */
export const SERVICE_KEY_HEADER = 'x-aula-tutor-key';

function fromWebServer(ctx: Ctx): boolean {
  const expected = String(ctx.env.AULA_TUTOR_SERVICE_KEY ?? '');
  const given = ctx.headers[SERVICE_KEY_HEADER];
  if (expected.length < 16 || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /aula/tutor/conversations/:id/replies`: stores the tutor's answer in the caller's conversation,
 * with who answered, tokens and timings, and counts the tokens against the caller's day and the site's
 * daily tutor budget (settling what the turn held). Called by the
 * web server with the student's token (whose conversation) and the service key (that it is really the
 * tutor speaking): a student calling the API directly cannot put words in the tutor's mouth.
 */
export async function recordTutorReply({
  ctx,
  conversationId,
  input,
}: {
  ctx: Ctx;
  conversationId: string;
  input: unknown;
}): Promise<TutorReplyStored> {
  if (!fromWebServer(ctx)) throw new AulaError('forbidden', 'Only the tutor service may store answers.');
  const parsed = TutorReply.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const reply = parsed.data;
  const conversation = await readConversation(ctx, conversationId, { ownOnly: true });
  const messageId = await ctx.items('tutor_messages').createOne({
    conversation: conversation.id,
    role: 'assistant',
    content: reply.content,
    status: reply.status,
    error: reply.error ?? null,
    provider: reply.provider ?? null,
    model: reply.model ?? null,
    tokens_in: reply.tokensIn,
    tokens_out: reply.tokensOut,
    latency_ms: reply.latencyMs ?? null,
    ttft_ms: reply.ttftMs ?? null,
  });
  // Touch the conversation so the newest one comes first when the student comes back.
  await ctx.items('tutor_conversations').updateOne(conversation.id, { title: conversation.title });
  await Promise.all([
    countTutorTokens(ctx, reply.tokensIn + reply.tokensOut),
    // Without the turn's id (an older web server) the answer still counts; its reservation runs out.
    settleTutorTurn(ctx, reply.userMessageId ?? messageId, reply),
  ]);
  return { messageId };
}
