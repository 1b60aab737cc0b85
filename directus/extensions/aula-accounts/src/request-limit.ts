import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { addressKey } from './address-key.ts';
import type { AccountSettings } from './settings.ts';

/** A refused request: how many it may make per second, and how long until the next one goes through. */
export type Refusal = { limit: number; waitMs: number };

/**
 * Directus's own limiter counts every request by address, before it knows who is asking, so a whole
 * class behind one school address shares one budget. These two counters, in Redis under the run's
 * prefix (one-second windows, like Directus's, unless AULA_RATE_LIMIT_WINDOW_SECONDS says), split it:
 * - signed-in requests count per person (their user id, from the token Directus has just checked);
 * - anonymous requests count per address, as before.
 * Directus's per-address limit stays on in front of both, as a much higher ceiling against abuse
 * from one address (RATE_LIMITER_POINTS).
 */
export function createRequestLimit(redis: Redis, prefix: string, settings: AccountSettings) {
  const perUser = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}rate-user`,
    points: settings.userRequestsPerSecond,
    duration: settings.requestWindowSeconds,
  });
  const perAddress = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}rate-anonymous`,
    points: settings.anonymousRequestsPerSecond,
    duration: settings.requestWindowSeconds,
  });
  const take = async (limiter: RateLimiterRedis, key: string, limit: number): Promise<Refusal | null> => {
    try {
      await limiter.consume(key, 1);
      return null;
    } catch (result) {
      // A rejection that is not a RateLimiterRes is Redis failing: the caller decides what that means.
      if (result instanceof RateLimiterRes) return { limit, waitMs: result.msBeforeNext };
      throw result;
    }
  };
  return {
    /** One request of a signed-in person: null when it may go ahead. */
    user: (userId: string) => take(perUser, userId, settings.userRequestsPerSecond),
    /** One request without credentials from this address (an IPv6 address counts as its /64). */
    anonymous: (address: string) => take(perAddress, addressKey(address), settings.anonymousRequestsPerSecond),
  };
}
export type RequestLimit = ReturnType<typeof createRequestLimit>;

type RawRequest = {
  headers?: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
};

/**
 * The credentials a request carries, as Directus's extract-token reads them (a Bearer header,
 * `access_token` in the query, the session cookie), or null when it carries none. Read before Directus
 * checks them: a request with credentials is counted per person, one without per address.
 * Made-up credentials do not escape a limit: Directus answers them 401 before any work, and the
 * per-address ceiling counts them.
 */
export function credentialsOf(req: RawRequest, sessionCookie: string): string | null {
  const authorization = req.headers?.authorization;
  const bearer = typeof authorization === 'string' ? /^bearer\s+(\S+)/i.exec(authorization)?.[1] : undefined;
  if (bearer) return bearer;
  const query = req.query?.access_token;
  if (typeof query === 'string' && query) return query;
  const cookie = req.headers?.cookie;
  if (typeof cookie !== 'string') return null;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie && value.join('=')) return value.join('=');
  }
  return null;
}

export function carriesCredentials(req: RawRequest, sessionCookie: string): boolean {
  return credentialsOf(req, sessionCookie) !== null;
}

/**
 * The person a Directus-issued token belongs to (an access token or a session token: an HS256 JWT
 * signed with Directus's SECRET, issuer "directus", not expired), or null for anything else (a static
 * token, a share, a forged or expired one). Used only to choose whose request counter a request takes
 * from before Directus's response cache can answer it; it grants nothing: Directus checks the token
 * itself right after, as always.
 */
export function personOfToken(token: string, secret: string, now = Date.now()): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !secret) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return null;
    const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      id?: unknown;
      iss?: unknown;
      exp?: unknown;
    };
    if (claims.iss !== 'directus' || typeof claims.id !== 'string' || !claims.id) return null;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
    return claims.id;
  } catch {
    return null;
  }
}
