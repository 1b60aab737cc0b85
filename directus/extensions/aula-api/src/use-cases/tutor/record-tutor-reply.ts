import { randomUUID, timingSafeEqual } from 'node:crypto';
import { AulaError, invalidFromIssues, isUuid, TutorReply, type TutorReplyStored } from '@aula/domain';
import type { Ctx } from '../../context.ts';
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

const STORE_SQL = `
with c as (
  update tutor_conversations set date_updated = now()
  where id = cast(? as uuid) and "user" = cast(? as uuid)
  returning id
)
insert into tutor_messages
  (id, conversation, role, content, status, error, provider, model, tokens_in, tokens_out, latency_ms, ttft_ms, date_created)
select cast(? as uuid), c.id, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?, ?, now() from c
returning id
`;

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
  if (!isUuid(conversationId)) throw new AulaError('not_found', 'No such conversation.');
  // One statement: the answer goes into the caller's own conversation only, which is touched so the
  // newest conversation comes first when the student comes back.
  const messageId = randomUUID();
  const stored = await ctx.sql<{ id: string }>(STORE_SQL, [
    conversationId,
    ctx.user,
    messageId,
    reply.content,
    reply.status,
    reply.error ?? null,
    reply.provider ?? null,
    reply.model ?? null,
    reply.tokensIn,
    reply.tokensOut,
    reply.latencyMs ?? null,
    reply.ttftMs ?? null,
  ]);
  if (stored.length === 0) throw new AulaError('not_found', 'No such conversation.');
  await Promise.all([
    countTutorTokens(ctx, reply.tokensIn + reply.tokensOut),
    // Without the turn's id (an older web server) the answer still counts; its reservation runs out.
    settleTutorTurn(ctx, reply.userMessageId ?? messageId, reply),
  ]);
  return { messageId };
}
