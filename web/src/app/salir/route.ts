import type { NextRequest } from 'next/server';
import { forgetStudent } from '../../shared/cache/read-cache.ts';
import { DirectusError } from '../../shared/directus.ts';
import { clientIp } from '../../shared/edge/client-ip.ts';
import { redirectTo } from '../../shared/edge/redirect.ts';
import { isHttps } from '../../shared/edge/site-origin.ts';
import { logout } from '../../shared/session/directus-auth.ts';
import { clearSession, readSession } from '../../shared/session/session.ts';

/**
 * The header's "Sign out" form (a plain POST, works without JavaScript): ends the Directus session,
 * clears both cookies, back to the catalogue. Another site's form cannot sign anyone out: the cookies
 * are SameSite=Lax, and the middleware refuses cross-site posts.
 */
export async function POST(request: NextRequest) {
  const { accessToken, refreshToken } = readSession(request.cookies);
  if (accessToken) forgetStudent(accessToken);
  if (refreshToken) {
    // Signing out of this site works even when Directus cannot be told; its session then expires on its own.
    await logout({ refreshToken, forwardedFor: clientIp(request.headers) }).catch((error) => {
      if (!(error instanceof DirectusError)) throw error;
    });
  }
  const response = redirectTo('/', { status: 303 });
  clearSession(response.cookies, { secure: isHttps(request.headers) });
  return response;
}
