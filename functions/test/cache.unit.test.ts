import { describe, expect, it } from 'vitest';
import { TtlCache } from '../src/lib/cache.ts';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('TtlCache', () => {
  it('returns a value until its TTL passes, then reports a miss', () => {
    const time = clock();
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 1_000, now: time.now });
    cache.set('a', 'Ana');
    time.advance(999);
    expect(cache.get('a')).toBe('Ana');
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new TtlCache<number>({ maxEntries: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.stats.evictions).toBe(1);
  });

  it('shares one load between concurrent misses and caches its result', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'value';
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrLoad('k', load)));
    expect(results).toEqual(Array.from({ length: 10 }, () => 'value'));
    expect(loads).toBe(1);
    expect(await cache.getOrLoad('k', load)).toBe('value');
    expect(loads).toBe(1);
  });

  it('does not cache a failed load', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrLoad('k', () => Promise.resolve('second'))).toBe('second');
  });

  it('invalidates on delete, including a load that was in flight', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    let release: (value: string) => void = () => undefined;
    const pending = cache.getOrLoad('k', () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete('k');
    release('stale');
    expect(await pending).toBe('stale');
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 'fresh');
    cache.delete('k');
    expect(cache.get('k')).toBeUndefined();
  });

  it('refuses a configuration that could not hold anything', () => {
    expect(() => new TtlCache({ maxEntries: 0, ttlMs: 1 })).toThrow();
    expect(() => new TtlCache({ maxEntries: 1, ttlMs: 0 })).toThrow();
  });
});
