import { describe, expect, it } from 'vitest';
import { planConsume, readWindows } from './rateWindows.ts';

const perMinute = [{ max: 3, windowSeconds: 60 }];

describe('planConsume (fixed windows)', () => {
  it('counts calls until the window is full, then refuses without counting', () => {
    let windows = {};
    const verdicts: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const plan = planConsume(windows, perMinute, 60_000 + i * 1000);
      verdicts.push(plan.allowed);
      windows = plan.windows;
    }
    expect(verdicts).toEqual([true, true, true, false, false]);
    expect(readWindows(windows)['60']).toEqual({ start: 60_000, count: 3 });
  });

  it('says how long until the exhausted window turns over', () => {
    const full = { '60': { start: 60_000, count: 3 } };
    expect(planConsume(full, perMinute, 100_500)).toMatchObject({ allowed: false, retryAfterSeconds: 20 });
  });

  it('starts afresh in the next window (positive control for the refusal above)', () => {
    const full = { '60': { start: 60_000, count: 3 } };
    expect(planConsume(full, perMinute, 120_000)).toMatchObject({ allowed: true, windows: { '60': { start: 120_000, count: 1 } } });
  });

  it('needs room in every window and counts in all of them', () => {
    const limits = [{ max: 2, windowSeconds: 1 }, { max: 100, windowSeconds: 60 }];
    const first = planConsume({}, limits, 0);
    const second = planConsume(first.windows, limits, 10);
    const third = planConsume(second.windows, limits, 20);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect(second.windows['60']?.count).toBe(2);
  });

  it('reads malformed stored state as empty', () => {
    expect(readWindows({ '60': { start: 'x', count: 1 }, junk: null })).toEqual({});
    expect(readWindows('nope')).toEqual({});
  });
});
