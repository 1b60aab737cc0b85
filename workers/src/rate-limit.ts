import type { Redis } from 'ioredis';

export type Limits = Record<string, { rpm: number; tpm: number }>;

/** "groq=30/6000,gemini=15/250000" → { groq: { rpm: 30, tpm: 6000 }, … } (requests and tokens per minute). */
export function parseLimits(spec: string): Limits {
  const limits: Limits = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+)=(\d+)\/(\d+)$/.exec(part);
    if (!match) throw new Error(`AULA_PROVIDER_RATE_LIMITS: cannot read "${part}" (expected provider=requests/tokens)`);
    limits[match[1] as string] = { rpm: Number(match[2]), tpm: Number(match[3]) };
  }
  return limits;
}

/**
 * A fixed one-minute window per provider, shared by every worker through Redis: before a call,
 * count it (and its estimated tokens); over the limit, wait for the next window.
 */
export function createThrottle(redis: Redis, prefix: string, limits: Limits, now = () => Date.now()) {
  return async function throttle(provider: string, estimatedTokens: number): Promise<void> {
    const limit = limits[provider];
    if (!limit) return;
    for (;;) {
      const window = Math.floor(now() / 60_000);
      const key = `${prefix}ratelimit:${provider}:${window}`;
      const [[, requests], [, tokens]] = (await redis
        .multi()
        .hincrby(key, 'requests', 1)
        .hincrby(key, 'tokens', estimatedTokens)
        .expire(key, 120)
        .exec()) as [[null, number], [null, number], unknown];
      if (requests <= limit.rpm && tokens <= limit.tpm) return;
      await redis.multi().hincrby(key, 'requests', -1).hincrby(key, 'tokens', -estimatedTokens).exec();
      await new Promise((r) => setTimeout(r, (window + 1) * 60_000 - now() + 50));
    }
  };
}
