/**
 * A small in-process cache: entries expire `ttlMs` after they were stored, and the oldest go first
 * when there are more than `max`. Reads do not extend an entry's life.
 */
export class TtlCache<K, V> {
  readonly #entries = new Map<K, { value: V; expires: number }>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor({ max, ttlMs, now = Date.now }: { max: number; ttlMs: number; now?: () => number }) {
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.#now() + this.#ttlMs });
    // Maps iterate in insertion order: the first keys are the oldest.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value for `key`, loading it on a miss. Concurrent misses share one load; a load that fails
   * is not kept, so the next call tries again.
   */
  remember<T extends V & Promise<unknown>>(key: K, load: () => T): T {
    const known = this.get(key);
    if (known !== undefined) return known as T;
    const loading = load();
    this.set(key, loading);
    loading.catch(() => {
      if (this.#entries.get(key)?.value === loading) this.#entries.delete(key);
    });
    return loading;
  }
}
