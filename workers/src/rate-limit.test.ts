import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createThrottle, parseLimits } from './rate-limit.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `aula-test-throttle-${randomBytes(4).toString('hex')}:`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('parseLimits', () => {
  it('reads provider=requests/tokens pairs', () => {
    expect(parseLimits('groq=30/6000, gemini=15/250000')).toEqual({
      groq: { rpm: 30, tpm: 6000 },
      gemini: { rpm: 15, tpm: 250000 },
    });
    expect(parseLimits('')).toEqual({});
    expect(() => parseLimits('groq=fast')).toThrow(/AULA_PROVIDER_RATE_LIMITS/);
  });
});

describe('createThrottle (real Redis, shared by every worker)', () => {
  /** A clock 400 ms before the end of a minute, so a test waits for one window change only. */
  function clockNearMinuteEnd() {
    const shift = 60_000 - (Date.now() % 60_000) - 400;
    return () => Date.now() + shift;
  }

  it('lets calls through up to the limit, then waits for the next minute', async () => {
    const now = clockNearMinuteEnd();
    const throttle = createThrottle(redis, prefix, { groq: { rpm: 2, tpm: 1_000_000 } }, now);
    const t0 = now();
    await throttle('groq', 10);
    await throttle('groq', 10);
    expect(now() - t0).toBeLessThan(300);
    await throttle('groq', 10);
    expect(Math.floor(now() / 60_000)).toBeGreaterThan(Math.floor(t0 / 60_000));
  });

  it('counts tokens too, and leaves providers without limits alone', async () => {
    const now = clockNearMinuteEnd();
    const throttle = createThrottle(redis, `${prefix}t:`, { gemini: { rpm: 100, tpm: 1_000 } }, now);
    await throttle('openai', 1_000_000);
    const t0 = now();
    await throttle('gemini', 800);
    await throttle('gemini', 800);
    expect(Math.floor(now() / 60_000)).toBeGreaterThan(Math.floor(t0 / 60_000));
  });
});
