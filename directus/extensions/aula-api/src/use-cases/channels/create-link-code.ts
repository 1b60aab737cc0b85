import { AulaError, type ChannelLinkCode, ROLE_NAMES } from '@aula/domain';
import { type Ctx, requireRole } from '../../context.ts';
import { channelsSettings } from '../../env.ts';
import { newCode } from './channel-links.ts';

/** How many codes a student may hold unused at once (each new one retires the older ones). */
const CODES_PER_HOUR = 10;

/**
 * `POST /aula/channels/link-codes`: a one-time code for the caller to send from Telegram or WhatsApp
 * (10 minutes, single use). Only its hash is stored; a new code retires the caller's unused ones.
 */
export async function createLinkCode({ ctx }: { ctx: Ctx }): Promise<ChannelLinkCode> {
  requireRole(ctx, [ROLE_NAMES.student]);
  if (!channelsSettings(ctx.env).chatwoot) throw new AulaError('unavailable', 'The chat channels are not configured.');
  const codes = ctx.items('channel_link_codes');
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const recent = await codes.readByQuery({
    filter: { user: { _eq: ctx.user }, date_created: { _gte: hourAgo } },
    fields: ['id'],
    limit: CODES_PER_HOUR + 1,
  });
  if (recent.length >= CODES_PER_HOUR) throw new AulaError('rate_limited', 'Too many codes this hour; try later.');
  const unused = await codes.readByQuery({
    filter: { user: { _eq: ctx.user }, used_at: { _null: true } },
    fields: ['id'],
    limit: -1,
  });
  const retired = new Date().toISOString();
  for (const row of unused) await codes.updateOne(row.id as string, { used_at: retired });
  const { code, hash, expiresAt } = newCode();
  await codes.createOne({ user: ctx.user, code_hash: hash, expires_at: expiresAt.toISOString() });
  return { code, expiresAt: expiresAt.toISOString() };
}
