import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { addressKey } from './address-key.ts';
import { type AccountSettings, delayAfter } from './settings.ts';

/** Who is signing in: the account (from the e-mail typed) and the address Directus sees. */
export type LoginKeys = { email: string | null | undefined; address: string | null | undefined };

type TierName = 'pair' | 'address' | 'account';
type Tier = { name: TierName; free: number; fails: RateLimiterRedis; blocks: RateLimiterRedis };

/** E-mails are hashed before they become Redis keys: the counters need no personal data. */
const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

/**
 * Sign-in throttling with growing delays that expire, counted in Redis under the run's prefix.
 * Three counters, each with its own allowance of free failures:
 * - account + address: someone guessing one person's password from one place (small allowance);
 * - address: one place trying many accounts;
 * - account: many places trying one account (a large allowance, so only a distributed attack
 *   slows the owner down, and only for as long as the delay).
 * An attempt is counted before the password is checked, so parallel guesses cannot slip past the
 * count, and given back when it succeeds. Nothing is ever suspended.
 */
export function createLoginThrottle(redis: Redis, prefix: string, settings: AccountSettings) {
  const tier = (name: TierName, free: number): Tier => ({
    name,
    free,
    fails: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}login-fails-${name}`,
      points: 1_000_000,
      duration: settings.windowSeconds,
    }),
    blocks: new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}login-wait-${name}`,
      points: 1,
      duration: 1,
    }),
  });
  const tiers = [
    tier('pair', settings.pairFreeFailures),
    tier('address', settings.addressFreeFailures),
    tier('account', settings.accountFreeFailures),
  ];
  const keysOf = ({ email, address }: LoginKeys): Record<TierName, string | null> => {
    const account = email ? accountKey(email) : null;
    const place = address ? addressKey(address) : null;
    return {
      pair: account && place ? `${account}|${place}` : null,
      address: place,
      account,
    };
  };
  const each = (keys: LoginKeys) => {
    const k = keysOf(keys);
    return tiers.flatMap((t) => (k[t.name] ? [{ tier: t, key: k[t.name] as string }] : []));
  };

  return {
    /** Seconds until every delay on these keys has expired; 0 when the attempt may go ahead. */
    async waitSeconds(keys: LoginKeys): Promise<number> {
      const waits = await Promise.all(
        each(keys).map(async ({ tier, key }) => {
          const res = await tier.blocks.get(key);
          return res && res.consumedPoints > 1 ? res.msBeforeNext : 0;
        }),
      );
      return Math.ceil(Math.max(0, ...waits) / 1000);
    },

    /** Counts one attempt; a key past its free failures waits base · 2ⁿ (up to the maximum) before the next. */
    async attempt(keys: LoginKeys): Promise<void> {
      for (const { tier, key } of each(keys)) {
        const res = await tier.fails.consume(key);
        const delay = delayAfter(res.consumedPoints, tier.free, settings);
        if (delay > 0) await tier.blocks.block(key, delay);
      }
    },

    /** A right password: the account+address count starts again; the others give the attempt back. */
    async succeeded(keys: LoginKeys): Promise<void> {
      for (const { tier, key } of each(keys)) {
        if (tier.name === 'pair') {
          await Promise.all([tier.fails.delete(key), tier.blocks.delete(key)]);
          continue;
        }
        const res = await tier.fails.reward(key, 1);
        // Below the allowance again: a delay on this key can only have come from this attempt.
        if (res.consumedPoints < tier.free) await tier.blocks.delete(key);
      }
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
