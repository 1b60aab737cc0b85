import 'server-only';
import { apiError } from '../../../shared/api-error.ts';
import { requestToken } from '../../../shared/session/request-auth.ts';
import { isStaff } from './staff.ts';

type RequestLike = Parameters<typeof requestToken>[0];

/**
 * For the studio's route handlers: the caller's token when they are a content manager or an
 * administrator; otherwise the 403 to answer with (signed out too: the studio is closed, not hidden).
 */
export async function staffToken(request: RequestLike): Promise<{ token: string } | { refused: Response }> {
  const token = requestToken(request);
  if (token && (await isStaff(token))) return { token };
  return { refused: apiError('forbidden', 'The studio is for content managers and administrators.') };
}
