/**
 * A signed-in student's Directus tokens live only in these two cookies: httpOnly (no script can read
 * them), SameSite=Lax (not sent on cross-site POSTs), Secure when the site is served over https
 * (see `isHttps` in site-origin.ts).
 * Nothing else in the browser (no localStorage, no client component) ever holds a token.
 */
export const ACCESS_COOKIE = 'aula_access';
export const REFRESH_COOKIE = 'aula_refresh';

/** How long the refresh cookie is kept: Directus's REFRESH_TOKEN_TTL (7 days by default) decides when it stops working. */
const REFRESH_MAX_AGE = 60 * 60 * 24 * 7;
/** Refresh a little before the access token expires, so a request never reaches Directus with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export type Tokens = { accessToken: string; refreshToken: string; expiresMs: number };
export type Session = { accessToken?: string | undefined; refreshToken?: string | undefined };

type CookieOptions = { path: string; httpOnly: true; sameSite: 'lax'; secure: boolean; maxAge: number };
type CookieReader = { get(name: string): { value: string } | undefined };
type CookieWriter = { set(name: string, value: string, options: CookieOptions): unknown };

export function cookieOptions({ secure, maxAge }: { secure: boolean; maxAge: number }): CookieOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge };
}

export function readSession(cookies: CookieReader): Session {
  return { accessToken: cookies.get(ACCESS_COOKIE)?.value, refreshToken: cookies.get(REFRESH_COOKIE)?.value };
}

export function writeSession(cookies: CookieWriter, tokens: Tokens, { secure }: { secure: boolean }): void {
  const accessMaxAge = Math.max(1, Math.floor(tokens.expiresMs / 1000));
  cookies.set(ACCESS_COOKIE, tokens.accessToken, cookieOptions({ secure, maxAge: accessMaxAge }));
  cookies.set(REFRESH_COOKIE, tokens.refreshToken, cookieOptions({ secure, maxAge: REFRESH_MAX_AGE }));
}

export function clearSession(cookies: CookieWriter, { secure }: { secure: boolean }): void {
  cookies.set(ACCESS_COOKIE, '', cookieOptions({ secure, maxAge: 0 }));
  cookies.set(REFRESH_COOKIE, '', cookieOptions({ secure, maxAge: 0 }));
}

/**
 * Whether the access token is missing, unreadable or about to expire. Its signature is Directus's
 * business; this only reads the `exp` claim to know when to refresh.
 */
export function needsRefresh(accessToken: string | undefined, now = Date.now()): boolean {
  if (!accessToken) return true;
  const payload = accessToken.split('.')[1];
  if (!payload) return true;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp !== 'number' || exp * 1000 - EXPIRY_MARGIN_MS <= now;
  } catch {
    return true;
  }
}
