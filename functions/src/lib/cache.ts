/**
 * A bounded, short-lived in-instance cache (LRU with a TTL) for hot lookups in functions.
 *
 * Invalidation rule: an entry is trusted for at most `ttlMs` after it was loaded, then reloaded.
 * Code that changes the underlying document on this instance calls `delete(key)`; other instances
 * see the change when their entry expires, so a cached value may be up to `ttlMs` stale. Only
 * values where that staleness is harmless are cached (see docs/messaging.md, "Caching"):
 * display names for system-message text and the read-receipts setting of a message's sender.
 * Never cached: chat membership and roles, bans and blocks. Those authorise writes and are read
 * fresh inside the transaction that writes, because a stale "yes" would let a removed member act.
 */

export interface CacheOptions {
  /** At most this many entries; the least recently used one is evicted first. */
  maxEntries: number;
  /** How long a loaded value is trusted. */
  ttlMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly now: () => number;
  readonly stats = { hits: 0, misses: 0, evictions: 0 };

  private readonly options: CacheOptions;

  constructor(options: CacheOptions) {
    this.options = options;
    if (options.maxEntries < 1 || options.ttlMs <= 0) throw new Error('cache needs maxEntries >= 1 and ttlMs > 0');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or undefined when absent or expired. A hit makes the entry most recent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.stats.misses++;
      return undefined;
    }
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
      this.stats.evictions++;
    }
  }

  /** Forgets a key, including a load in flight, whose result is then returned but not cached. */
  delete(key: string): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  /**
   * The cached value, or the loader's result (cached). Concurrent misses for one key share a
   * single load; a failed load is not cached, so the next call tries again.
   */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const promise = load().then(
      (value) => {
        if (this.loading.get(key) === promise) {
          this.loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }
}
