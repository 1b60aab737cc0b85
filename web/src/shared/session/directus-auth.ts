import 'server-only';
import { z } from 'zod';
import { directusFetch, parseAnswer } from '../directus.ts';
import type { Tokens } from './session.ts';

const TokenAnswer = z
  .object({ data: z.object({ access_token: z.string(), refresh_token: z.string(), expires: z.number() }) })
  .transform(({ data }) => ({
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    expiresMs: data.expires,
  }));

/** `/auth/login` in JSON mode: the tokens come back in the body, for the server to put in cookies. */
export async function login({ email, password }: { email: string; password: string }): Promise<Tokens> {
  const json = await directusFetch({ method: 'POST', path: '/auth/login', body: { email, password, mode: 'json' } });
  return parseAnswer('POST /auth/login', TokenAnswer, json);
}

/** Ends the Directus session behind a refresh token. */
export async function logout({
  refreshToken,
  forwardedFor,
}: {
  refreshToken: string;
  forwardedFor?: string | undefined;
}): Promise<void> {
  await directusFetch({
    method: 'POST',
    path: '/auth/logout',
    body: { refresh_token: refreshToken, mode: 'json' },
    forwardedFor,
  });
}

/**
 * Refresh tokens are single-use in Directus: the second of two concurrent refreshes with the same one
 * fails. Requests arriving together (a page and its prefetches) therefore share one refresh, and its
 * answer is remembered for a few seconds.
 */
const REMEMBER_MS = 20_000;
// On globalThis: the middleware and each route are bundled with module registries of their own, and
// they must all share one map (see read-cache.ts).
const REFRESHES = Symbol.for('aula.web.refreshes');
const global = globalThis as typeof globalThis & { [REFRESHES]?: Map<string, { at: number; tokens: Promise<Tokens> }> };
global[REFRESHES] ??= new Map();
const refreshes = global[REFRESHES];

export function refresh({
  refreshToken,
  forwardedFor,
}: {
  refreshToken: string;
  forwardedFor?: string | undefined;
}): Promise<Tokens> {
  const now = Date.now();
  for (const [key, entry] of refreshes) if (now - entry.at > REMEMBER_MS) refreshes.delete(key);
  const known = refreshes.get(refreshToken);
  if (known) return known.tokens;
  const tokens = directusFetch({
    method: 'POST',
    path: '/auth/refresh',
    body: { refresh_token: refreshToken, mode: 'json' },
    forwardedFor,
  }).then((json) => parseAnswer('POST /auth/refresh', TokenAnswer, json));
  refreshes.set(refreshToken, { at: now, tokens });
  // A failure (Directus down) may be retried by the next request.
  tokens.catch(() => refreshes.delete(refreshToken));
  return tokens;
}

/** Public sign-up: Directus puts the new user in the Student role (see the project settings). */
export async function register(input: { email: string; password: string; firstName: string }): Promise<void> {
  await directusFetch({
    method: 'POST',
    path: '/users/register',
    body: { email: input.email, password: input.password, first_name: input.firstName },
  });
}
