import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, parseLimits, type RateLimit } from './window.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const authEmail: RateLimit[] = [
  { max: 1, windowMs: MINUTE },
  { max: 5, windowMs: HOUR },
];

/** Feeds calls at the given times through decide(), as the limiter does, and returns the outcomes. */
function run(limits: RateLimit[], times: number[]) {
  let hits: number[] = [];
  return times.map((t) => {
    const d = decide(hits, limits, t);
    hits = d.hits;
    return d;
  });
}

describe('decide', () => {
  it('accepts up to max in a window and tells the denied call when the oldest hit leaves it', () => {
    const limits = [{ max: 3, windowMs: 10_000 }];
    const outcomes = run(limits, [0, 1_000, 2_000, 3_000]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    const denied = outcomes[3];
    expect(denied?.allowed === false && denied.retryAfterMs).toBe(7_000);
  });

  it('accepts again exactly when the window has moved past the oldest hit', () => {
    const limits = [{ max: 1, windowMs: 10_000 }];
    expect(run(limits, [0, 9_999, 10_000]).map((o) => o.allowed)).toEqual([true, false, true]);
  });

  it('applies every limit: 1 per minute and 5 per hour', () => {
    const times = [0, 30_000, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE, 5 * MINUTE];
    const outcomes = run(authEmail, times);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, false, true, true, true, true, false]);
    // The sixth accepted call must wait for the first hit (t=0) to leave the hour.
    const last = outcomes[6];
    expect(last?.allowed === false && last.retryAfterMs).toBe(HOUR - 5 * MINUTE);
  });

  it('does not record denied calls, so waiting the advised time always helps', () => {
    const limits = [{ max: 2, windowMs: 1_000 }];
    let hits: number[] = [];
    for (const t of [0, 10, 20, 30, 40]) hits = decide(hits, limits, t).hits;
    expect(hits).toEqual([0, 10]);
    const denied = decide(hits, limits, 50);
    expect(denied.allowed).toBe(false);
    const retryAt = 50 + (denied.allowed ? 0 : denied.retryAfterMs);
    expect(decide(hits, limits, retryAt).allowed).toBe(true);
  });

  it('drops hits older than the longest window and sets the expiry after the newest hit', () => {
    const d = decide([1, 2, 3], [{ max: 5, windowMs: 100 }], 1_000);
    expect(d).toEqual({ allowed: true, hits: [1_000], expiresAtMs: 1_100 });
  });

  it('never accepts more than max in any window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 10, max: 2_000 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 60 }),
        (max, windowMs, gaps) => {
          const times = gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []);
          const outcomes = run([{ max, windowMs }], times);
          const accepted = times.filter((_, i) => outcomes[i]?.allowed);
          for (const t of accepted) {
            expect(accepted.filter((u) => u > t - windowMs && u <= t).length).toBeLessThanOrEqual(max);
          }
          // A denied call, retried after the advised delay, is accepted.
          outcomes.forEach((o, i) => {
            if (!o.allowed) expect(decide(o.hits, [{ max, windowMs }], (times[i] ?? 0) + o.retryAfterMs).allowed).toBe(true);
          });
        },
      ),
    );
  });

  it('refuses limits that would mean "unlimited" or "never"', () => {
    expect(() => decide([], [], 0)).toThrow(/at least one/);
    expect(() => decide([], [{ max: 0, windowMs: 1 }], 0)).toThrow(/max/);
    expect(() => decide([], [{ max: 1, windowMs: 0 }], 0)).toThrow(/windowMs/);
  });
});

describe('parseLimits', () => {
  it.each([
    ['1/60s,5/1h', [{ max: 1, windowMs: MINUTE }, { max: 5, windowMs: HOUR }]],
    ['20/1h', [{ max: 20, windowMs: HOUR }]],
    [' 100 / 500ms , 3/2d ', [{ max: 100, windowMs: 500 }, { max: 3, windowMs: 2 * 86_400_000 }]],
    ['10/15m', [{ max: 10, windowMs: 15 * MINUTE }]],
  ])('parses %s', (text, expected) => {
    expect(parseLimits(text)).toEqual(expected);
  });

  it.each(['', '5', '5/h', '5/1y', '-1/1h', '0/1h', '1.5/1h', '5/1h;'])('rejects %j', (text) => {
    expect(() => parseLimits(text)).toThrow();
  });
});
