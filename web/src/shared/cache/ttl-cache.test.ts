import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
  it('forgets an entry once its time is up, not before', () => {
    const time = clock();
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 100, now: time.now });
    cache.set('a', 1);
    time.advance(99);
    expect(cache.get('a')).toBe(1);
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = new TtlCache<string, number>({ max: 2, ttlMs: 1_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // stored again: now the newest
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });

  it('shares one load between concurrent misses, and keeps its answer', async () => {
    const cache = new TtlCache<string, Promise<number>>({ max: 10, ttlMs: 1_000 });
    let loads = 0;
    const load = async () => ++loads;
    const answers = await Promise.all([cache.remember('k', load), cache.remember('k', load)]);
    expect(answers).toEqual([1, 1]);
    expect(await cache.remember('k', load)).toBe(1);
    expect(loads).toBe(1);
  });

  it('does not keep a load that failed', async () => {
    const cache = new TtlCache<string, Promise<number>>({ max: 10, ttlMs: 1_000 });
    await expect(cache.remember('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.remember('k', async () => 7)).toBe(7);
  });
});
