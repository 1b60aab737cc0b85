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
 * Whether a request carries anything Directus would read as credentials (its extract-token rules: a
 * Bearer header, `access_token` in the query, the session cookie). Read before Directus checks them:
 * a request with credentials is counted per person once they are checked, one without per address now.
 * Made-up credentials do not escape a limit: Directus answers them 401 before any work, and the
 * per-address ceiling counts them.
 */
export function carriesCredentials(req: RawRequest, sessionCookie: string): boolean {
  const authorization = req.headers?.authorization;
  if (typeof authorization === 'string' && /^bearer\s+\S/i.test(authorization)) return true;
  if (req.query?.access_token) return true;
  const cookie = req.headers?.cookie;
  if (typeof cookie !== 'string') return false;
  return cookie.split(';').some((part) => part.trim().startsWith(`${sessionCookie}=`));
}
