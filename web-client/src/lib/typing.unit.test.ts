import { describe, expect, it } from 'vitest';
import { TYPING_TTL_MS } from '@natter/model';
import { activeTypers, shouldRefreshTyping, TYPING_REFRESH_MS } from './typing.ts';

describe('who is typing', () => {
  const now = 1_000_000;
  it('lists fresh entries of others, sorted, ignoring self, stale, future and malformed ones', () => {
    const entries = {
      zoe: now - 1_000,
      amy: now - TYPING_TTL_MS + 1,
      me: now,
      old: now - TYPING_TTL_MS,
      future: now + TYPING_TTL_MS + 1,
      junk: 'typing',
    };
    expect(activeTypers(entries, { nowMs: now, selfUid: 'me' })).toEqual(['amy', 'zoe']);
  });

  it('treats an empty or missing node as nobody', () => {
    expect(activeTypers(null, { nowMs: now, selfUid: 'me' })).toEqual([]);
    expect(activeTypers({}, { nowMs: now, selfUid: 'me' })).toEqual([]);
  });

  it('rewrites the typing entry at most every few seconds', () => {
    expect(shouldRefreshTyping(null, now)).toBe(true);
    expect(shouldRefreshTyping(now - TYPING_REFRESH_MS + 1, now)).toBe(false);
    expect(shouldRefreshTyping(now - TYPING_REFRESH_MS, now)).toBe(true);
  });
});
