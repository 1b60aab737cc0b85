import 'server-only';
import { cookies, headers } from 'next/headers';
import { DirectusError } from '../directus.ts';
import { localPath } from '../edge/local-path.ts';
import { goTo } from '../edge/redirect.ts';
import { isHttps } from '../edge/site-origin.ts';
import { refresh } from './directus-auth.ts';
import { clearSession, needsRefresh, readSession, type Tokens, writeSession } from './session.ts';

// The session as pages and server actions see it. The middleware has already refreshed an expiring
// access token before any page or action runs; the actions below also recover from a token that
// Directus rejects anyway (revoked, or expired in between).

const secure = async () => isHttps(await headers());

/** The student's access token, or undefined when signed out. */
export async function getAccessToken(): Promise<string | undefined> {
  return readSession(await cookies()).accessToken;
}

/** For pages only students see: the access token, or a redirect to sign in and come back to `back`. */
export async function requireAccessToken(back: string): Promise<string> {
  const token = await getAccessToken();
  if (!token) redirectToSignIn(back);
  return token;
}

export function redirectToSignIn(back: string): never {
  goTo(`/entrar?${new URLSearchParams({ next: localPath(back) ?? '/' })}`);
}

/** Stores a new session (server actions and route handlers only: pages cannot set cookies). */
export async function startSession(tokens: Tokens): Promise<void> {
  writeSession(await cookies(), tokens, { secure: await secure() });
}

export async function endSession(): Promise<void> {
  clearSession(await cookies(), { secure: await secure() });
}

export const SIGNED_OUT = Symbol('signed out');

/**
 * Runs a server action's call to Directus with the student's token: refreshes the session once when
 * the token is missing, expiring or rejected; `SIGNED_OUT` when there is no session to refresh.
 */
export async function asStudent<T>(work: (token: string) => Promise<T>): Promise<T | typeof SIGNED_OUT> {
  const session = readSession(await cookies());
  const renew = async (): Promise<string | undefined> => {
    if (!session.refreshToken) return undefined;
    try {
      const tokens = await refresh({ refreshToken: session.refreshToken });
      await startSession(tokens);
      return tokens.accessToken;
    } catch (error) {
      if (!(error instanceof DirectusError) || error.code === 'unavailable' || error.code === 'internal') throw error;
      await endSession();
      return undefined;
    }
  };
  const token = needsRefresh(session.accessToken) ? await renew() : session.accessToken;
  if (!token) return SIGNED_OUT;
  try {
    return await work(token);
  } catch (error) {
    if (!(error instanceof DirectusError && error.code === 'unauthorized')) throw error;
    const fresh = await renew();
    return fresh ? work(fresh) : SIGNED_OUT;
  }
}
