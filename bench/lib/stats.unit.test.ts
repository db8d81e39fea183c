import { describe, expect, it } from 'vitest';
import { percentile, percentiles, ratio } from './stats.ts';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles regardless of input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentiles([3]).p99).toBe(3);
  });

  it('gives NaN, not zero, for missing data', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(ratio(4, 0)).toBeNaN();
    expect(ratio(4, 1025)).toBeCloseTo(0.0039, 4);
  });
});
