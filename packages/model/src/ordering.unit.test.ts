import { describe, expect, it } from 'vitest';
import { compareMessages, covers, messageOrdinals, orderTimeMs, type MessageKey } from './ordering.ts';

const m = (id: string, createdAtMs: number | null): MessageKey => ({ id, createdAtMs });

describe('compareMessages', () => {
  it('orders by server time, then id, with pending local sends last', () => {
    const shuffled = [m('p2', null), m('b', 20), m('z', 10), m('a', 20), m('p1', null)];
    expect([...shuffled].sort(compareMessages).map((x) => x.id)).toEqual(['z', 'a', 'b', 'p1', 'p2']);
  });

  it('is the same order whatever order messages arrive in', () => {
    const one = [m('c', 5), m('a', 5), m('b', 1)];
    const other = [m('b', 1), m('a', 5), m('c', 5)];
    expect([...one].sort(compareMessages)).toEqual([...other].sort(compareMessages));
  });
});

describe('covers', () => {
  it('is true for the same or a newer summarised message, false for an older or missing one', () => {
    expect(covers(m('b', 10), m('b', 10))).toBe(true);
    expect(covers(m('c', 10), m('b', 10))).toBe(true);
    expect(covers(m('a', 11), m('b', 10))).toBe(true);
    expect(covers(m('a', 10), m('b', 10))).toBe(false);
    expect(covers(m('z', 9), m('b', 10))).toBe(false);
    expect(covers(null, m('b', 10))).toBe(false);
  });
});

describe('messageOrdinals', () => {
  const feed = [m('a', 1), m('b', 2), m('c', 3), m('d', 4)];

  it('counts back from the summary message; newer messages have no ordinal yet', () => {
    const ordinals = messageOrdinals(feed, { id: 'c', seq: 12 });
    expect(Object.fromEntries(ordinals)).toEqual({ a: 10, b: 11, c: 12 });
    expect(ordinals.has('d')).toBe(false);
  });

  it('gives nothing when the summary message is not in the feed, and never an ordinal below 1', () => {
    expect(messageOrdinals(feed, { id: 'x', seq: 3 }).size).toBe(0);
    expect(messageOrdinals(feed, null).size).toBe(0);
    expect(Object.fromEntries(messageOrdinals(feed, { id: 'c', seq: 2 }))).toEqual({ b: 1, c: 2 });
  });
});

describe('orderTimeMs', () => {
  it('keeps the microseconds, so two commits in one millisecond keep their server order', () => {
    const early = { seconds: 1_700_000_000, nanoseconds: 5_000_100_000 % 1_000_000_000, toMillis: () => 1_700_000_000_005 };
    const late = { seconds: 1_700_000_000, nanoseconds: 5_000_900_000 % 1_000_000_000, toMillis: () => 1_700_000_000_005 };
    expect(orderTimeMs(late) - orderTimeMs(early)).toBeCloseTo(0.8, 3);
    expect(orderTimeMs({ toMillis: () => 42 })).toBe(42);
  });
});
