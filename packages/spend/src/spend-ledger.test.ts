import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { dailyCeiling, describeRefusal, runCeiling } from './ceilings.ts';
import { createSpendLedger } from './spend-ledger.ts';

// Real Redis, a key prefix of this run's own.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `aula-test-spend-${randomBytes(4).toString('hex')}:`;
const id = () => randomBytes(6).toString('hex');
/**
 * A prefix of each test's own under the run's: tests that set their own clock would otherwise share a
 * day's ceiling with the tests on the real clock whenever that day is today (it failed on 2026-12-07).
 */
const own = () => `${prefix}${id()}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('spend ledger (Redis, Lua)', () => {
  it('never lets parallel reservations together pass a ceiling', async () => {
    const ledger = createSpendLedger(redis);
    const ceiling = dailyCeiling(own(), 'generation', { maxUsd: 1, maxTokens: null });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        ledger.reserve({ id: id(), ceilings: [ceiling], amount: { usd: 0.3, tokens: 10 }, holdMs: 60_000 }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    const usage = await ledger.usage(ceiling);
    expect(usage.usd).toBe(0);
    expect(usage.heldUsd).toBeCloseTo(0.9, 9);
  });

  it('settles what was spent in place of what was held, and refuses on the first ceiling it would pass', async () => {
    const ledger = createSpendLedger(redis);
    const day = dailyCeiling(own(), 'tutor', { maxUsd: null, maxTokens: 1000 });
    const run = runCeiling(prefix, id(), 0.05);
    const first = id();
    expect(
      await ledger.reserve({ id: first, ceilings: [day, run], amount: { usd: 0.04, tokens: 900 }, holdMs: 60_000 }),
    ).toEqual({ ok: true });
    const refused = await ledger.reserve({
      id: id(),
      ceilings: [day, run],
      amount: { usd: 0.001, tokens: 200 },
      holdMs: 60_000,
    });
    expect(refused).toMatchObject({
      ok: false,
      refusal: { unit: 'tokens', spent: 0, held: 900, asked: 200, limit: 1000 },
    });
    await ledger.settle({ id: first, ceilings: [day, run], amount: { usd: 0.01, tokens: 300 } });
    expect(await ledger.usage(day)).toEqual({ usd: 0.01, tokens: 300, heldUsd: 0, heldTokens: 0 });
    expect(
      await ledger.reserve({ id: id(), ceilings: [day, run], amount: { usd: 0.03, tokens: 200 }, holdMs: 60_000 }),
    ).toEqual({ ok: true });
    const overRun = await ledger.reserve({
      id: id(),
      ceilings: [day, run],
      amount: { usd: 0.02, tokens: 1 },
      holdMs: 60_000,
    });
    expect(overRun.ok).toBe(false);
    if (!overRun.ok) {
      expect(overRun.refusal).toMatchObject({ unit: 'usd', spent: 0.01, held: 0.03, asked: 0.02, limit: 0.05 });
      expect(describeRefusal(overRun.refusal)).toMatch(/^cost cap reached: US\$0\.0100 spent and US\$0\.0300 held/);
    }
  });

  it('stops counting a reservation nobody settled once its hold has run out', async () => {
    let clock = Date.parse('2026-12-07T10:00:00Z');
    const ledger = createSpendLedger(redis, { now: () => clock });
    const ceiling = dailyCeiling(own(), 'generation', { maxUsd: null, maxTokens: 100 }, clock);
    expect(
      (await ledger.reserve({ id: id(), ceilings: [ceiling], amount: { usd: 0, tokens: 100 }, holdMs: 1000 })).ok,
    ).toBe(true);
    expect(
      (await ledger.reserve({ id: id(), ceilings: [ceiling], amount: { usd: 0, tokens: 1 }, holdMs: 1000 })).ok,
    ).toBe(false);
    clock += 1001;
    expect(
      (await ledger.reserve({ id: id(), ceilings: [ceiling], amount: { usd: 0, tokens: 100 }, holdMs: 1000 })).ok,
    ).toBe(true);
  });

  it('rolls the daily window over at 00:00 UTC', async () => {
    let clock = Date.parse('2026-12-07T23:59:59Z');
    const ledger = createSpendLedger(redis, { now: () => clock });
    const limits = { maxUsd: 0.5, maxTokens: null };
    const mine = own();
    const today = dailyCeiling(mine, 'tutor', limits, clock);
    const first = id();
    await ledger.reserve({ id: first, ceilings: [today], amount: { usd: 0.5, tokens: 0 }, holdMs: 60_000 });
    await ledger.settle({ id: first, ceilings: [today], amount: { usd: 0.5, tokens: 0 } });
    const again = await ledger.reserve({
      id: id(),
      ceilings: [today],
      amount: { usd: 0.01, tokens: 0 },
      holdMs: 60_000,
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(describeRefusal(again.refusal)).toContain('It renews at 00:00 UTC.');
    clock += 2000;
    const tomorrow = dailyCeiling(mine, 'tutor', limits, clock);
    expect(tomorrow.key).not.toBe(today.key);
    expect(tomorrow.key.endsWith('2026-12-08')).toBe(true);
    expect(
      (await ledger.reserve({ id: id(), ceilings: [tomorrow], amount: { usd: 0.01, tokens: 0 }, holdMs: 60_000 })).ok,
    ).toBe(true);
    expect(await redis.ttl(today.key)).toBeGreaterThan(86_400);
  });
});
