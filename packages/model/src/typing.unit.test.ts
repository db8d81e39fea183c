import { describe, expect, it } from 'vitest';
import { TYPING_TTL_MS } from './schemas/rtdb.ts';
import { TYPING_REFRESH_MS, activeTypers, shouldRefreshTyping } from './typing.ts';

describe('activeTypers', () => {
  const now = 1_000_000;

  it('lists fresh entries of others, sorted, and leaves out the reader', () => {
    const entries = { zed: now - 100, amy: now - 2_000, me: now };
    expect(activeTypers(entries, { nowMs: now, selfUid: 'me' })).toEqual(['amy', 'zed']);
  });

  it('drops entries at or beyond the TTL (a crashed client expires by itself)', () => {
    const entries = { fresh: now - TYPING_TTL_MS + 1, expired: now - TYPING_TTL_MS, old: now - 60_000 };
    expect(activeTypers(entries, { nowMs: now, selfUid: null })).toEqual(['fresh']);
  });

  it('ignores malformed values and far-future stamps', () => {
    const entries = { text: 'typing', negative: -5, future: now + TYPING_TTL_MS * 10, ok: now };
    expect(activeTypers(entries, { nowMs: now, selfUid: null })).toEqual(['ok']);
    expect(activeTypers(null, { nowMs: now, selfUid: null })).toEqual([]);
  });
});

describe('shouldRefreshTyping', () => {
  it('writes the first time and then at most every TYPING_REFRESH_MS', () => {
    expect(shouldRefreshTyping(null, 0)).toBe(true);
    expect(shouldRefreshTyping(10_000, 10_000 + TYPING_REFRESH_MS - 1)).toBe(false);
    expect(shouldRefreshTyping(10_000, 10_000 + TYPING_REFRESH_MS)).toBe(true);
  });

  it('refreshes well within the TTL, so a live typist never flickers out', () => {
    expect(TYPING_REFRESH_MS * 2).toBeLessThan(TYPING_TTL_MS);
  });
});
