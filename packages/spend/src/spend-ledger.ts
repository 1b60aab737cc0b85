import type { Redis } from 'ioredis';

/**
 * Spending ceilings kept in Redis: a call reserves its worst case before it goes out and settles what
 * it really used after, both in one Lua script each, so parallel callers (lessons are written in
 * parallel, many students ask the tutor at once) can never together pass a ceiling. A reservation
 * that is never settled (a process died mid-call) stops counting after `holdMs`.
 *
 * Per ceiling, two hashes: `<key>` holds what was settled (`usd` in micro-dollars, `tok`), and
 * `<key>:held` one entry per open reservation ("usd tok expiresAtMs").
 */

/** One limit: `key` names its counter (a day's key rolls the window over); null = counted, not limited. */
export type Ceiling = {
  key: string;
  label: string;
  maxUsd: number | null;
  maxTokens: number | null;
  ttlSeconds: number;
};

export type Refusal = {
  ceiling: Ceiling;
  unit: 'usd' | 'tokens';
  /** Settled so far and held by open reservations, in the unit (US$ or tokens). */
  spent: number;
  held: number;
  asked: number;
  limit: number;
};

export type Amount = { usd: number; tokens: number };

const MICRO = 1e6;
const micro = (usd: number) => Math.max(0, Math.ceil(usd * MICRO));
const whole = (n: number) => Math.max(0, Math.ceil(n));

// KEYS: settled, held (per ceiling). ARGV: id, usd, tok, now, expiresAt, then per ceiling maxUsd, maxTok, ttl.
const RESERVE = `
local n = #KEYS / 2
local usd, tok, now = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
for i = 1, n do
  local settled, held = KEYS[2 * i - 1], KEYS[2 * i]
  local maxUsd, maxTok = tonumber(ARGV[3 + 3 * i]), tonumber(ARGV[4 + 3 * i])
  local spentUsd = tonumber(redis.call('HGET', settled, 'usd') or '0')
  local spentTok = tonumber(redis.call('HGET', settled, 'tok') or '0')
  local heldUsd, heldTok = 0, 0
  local entries = redis.call('HGETALL', held)
  for j = 1, #entries, 2 do
    local u, t, e = string.match(entries[j + 1], '^(%d+) (%d+) (%d+)$')
    if tonumber(e) <= now then
      redis.call('HDEL', held, entries[j])
    else
      heldUsd = heldUsd + tonumber(u)
      heldTok = heldTok + tonumber(t)
    end
  end
  if maxUsd >= 0 and spentUsd + heldUsd + usd > maxUsd then
    return { i, 'usd', tostring(spentUsd), tostring(heldUsd) }
  end
  if maxTok >= 0 and spentTok + heldTok + tok > maxTok then
    return { i, 'tokens', tostring(spentTok), tostring(heldTok) }
  end
end
for i = 1, n do
  local ttl = ARGV[5 + 3 * i]
  redis.call('HSET', KEYS[2 * i], ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[5])
  redis.call('EXPIRE', KEYS[2 * i], ttl)
  redis.call('EXPIRE', KEYS[2 * i - 1], ttl)
end
return { 0 }
`;

// KEYS as above. ARGV: id, usd, tok, then per ceiling ttl.
const SETTLE = `
for i = 1, #KEYS / 2 do
  redis.call('HDEL', KEYS[2 * i], ARGV[1])
  redis.call('HINCRBY', KEYS[2 * i - 1], 'usd', ARGV[2])
  redis.call('HINCRBY', KEYS[2 * i - 1], 'tok', ARGV[3])
  redis.call('EXPIRE', KEYS[2 * i - 1], ARGV[3 + i])
  redis.call('EXPIRE', KEYS[2 * i], ARGV[3 + i])
end
return 0
`;

const keysOf = (ceilings: Ceiling[]) => ceilings.flatMap((c) => [c.key, `${c.key}:held`]);

export type SpendLedger = ReturnType<typeof createSpendLedger>;

export function createSpendLedger(redis: Redis, { now = () => Date.now() }: { now?: () => number } = {}) {
  return {
    /** Holds `amount` against every ceiling, or none of them: the first ceiling it would pass refuses. */
    async reserve(input: {
      id: string;
      ceilings: Ceiling[];
      amount: Amount;
      holdMs: number;
    }): Promise<{ ok: true } | { ok: false; refusal: Refusal }> {
      const { id, ceilings, amount, holdMs } = input;
      if (ceilings.length === 0) return { ok: true };
      const at = now();
      const args = [
        id,
        micro(amount.usd),
        whole(amount.tokens),
        at,
        at + holdMs,
        ...ceilings.flatMap((c) => [
          c.maxUsd === null ? -1 : micro(c.maxUsd),
          c.maxTokens === null ? -1 : whole(c.maxTokens),
          c.ttlSeconds,
        ]),
      ];
      const answer = (await redis.eval(RESERVE, ceilings.length * 2, ...keysOf(ceilings), ...args)) as [
        number,
        string?,
        string?,
        string?,
      ];
      const [index, unit, spent, held] = answer;
      if (index === 0) return { ok: true };
      const ceiling = ceilings[index - 1]!;
      const scale = unit === 'usd' ? MICRO : 1;
      return {
        ok: false,
        refusal: {
          ceiling,
          unit: unit as Refusal['unit'],
          spent: Number(spent) / scale,
          held: Number(held) / scale,
          asked: unit === 'usd' ? micro(amount.usd) / MICRO : whole(amount.tokens),
          limit: (unit === 'usd' ? ceiling.maxUsd : ceiling.maxTokens) ?? 0,
        },
      };
    },

    /** Ends reservation `id` and counts what was really spent (also when the reservation had run out). */
    async settle(input: { id: string; ceilings: Ceiling[]; amount: Amount }): Promise<void> {
      const { id, ceilings, amount } = input;
      if (ceilings.length === 0) return;
      await redis.eval(
        SETTLE,
        ceilings.length * 2,
        ...keysOf(ceilings),
        id,
        micro(amount.usd),
        whole(amount.tokens),
        ...ceilings.map((c) => c.ttlSeconds),
      );
    },

    /** What a ceiling has counted: settled, and held by reservations that have not run out. */
    async usage(ceiling: Ceiling): Promise<Amount & { heldUsd: number; heldTokens: number }> {
      const [settled, held] = await Promise.all([redis.hgetall(ceiling.key), redis.hgetall(`${ceiling.key}:held`)]);
      const at = now();
      let heldUsd = 0;
      let heldTokens = 0;
      for (const entry of Object.values(held)) {
        const [u, t, e] = entry.split(' ').map(Number);
        if ((e ?? 0) > at) {
          heldUsd += (u ?? 0) / MICRO;
          heldTokens += t ?? 0;
        }
      }
      return { usd: Number(settled.usd ?? 0) / MICRO, tokens: Number(settled.tok ?? 0), heldUsd, heldTokens };
    },
  };
}
