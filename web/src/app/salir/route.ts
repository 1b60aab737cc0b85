import type { NextRequest } from 'next/server';
import { logout } from '../../lib/auth/directus-auth.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { DirectusError } from '../../lib/directus.ts';
import { forgetStudent } from '../../lib/read-cache.ts';
import { redirectTo } from '../../lib/redirect.ts';
import { clearSession, readSession } from '../../lib/session.ts';
import { isHttps } from '../../lib/site-origin.ts';

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
