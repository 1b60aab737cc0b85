import { type NextRequest, NextResponse } from 'next/server';
import { logout } from '../../lib/auth/directus-auth.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { DirectusError } from '../../lib/directus.ts';
import { forgetStudent } from '../../lib/read-cache.ts';
import { clearSession, isHttps, readSession } from '../../lib/session.ts';

/**
 * The header's "Sign out" form (a plain POST, works without JavaScript): ends the Directus session,
 * clears both cookies, back to the catalogue. The cookies are SameSite=Lax, so another site's form
 * cannot sign anyone out.
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
  const response = new NextResponse(null, { status: 303, headers: { location: '/' } });
  clearSession(response.cookies, { secure: isHttps(request.headers, request.nextUrl) });
  return response;
}
