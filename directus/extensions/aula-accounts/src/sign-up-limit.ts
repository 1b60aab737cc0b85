import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { addressKey } from './address-key.ts';
import type { AccountSettings } from './settings.ts';

const HOUR = 3_600;

/**
 * Sign-ups per address per hour, and for the whole site per hour (a ceiling that holds however
 * many addresses an attacker has). Counted in Redis, so a restart or a second instance does not
 * reset them. Returns the seconds to wait when a limit is reached, else null.
 */
export function createSignUpLimit(redis: Redis, prefix: string, settings: AccountSettings) {
  const perAddress = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}signup-address`,
    points: settings.signUpsPerAddressPerHour,
    duration: HOUR,
  });
  const site = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}signup-site`,
    points: settings.signUpsPerHour,
    duration: HOUR,
  });
  const take = async (limiter: RateLimiterRedis, key: string) => {
    try {
      await limiter.consume(key);
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return { limit: limiter.points, waitSeconds: Math.ceil(error.msBeforeNext / 1000) };
      throw error;
    }
  };
  return async (address: string | null | undefined) =>
    (address ? await take(perAddress, addressKey(address)) : null) ?? (await take(site, 'all'));
}
