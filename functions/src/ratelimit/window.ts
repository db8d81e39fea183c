/**
 * Sliding-window rate-limit maths: given the accepted hits of one key and its limits, decide whether
 * one more call fits, when to retry if not, and what the stored log becomes. No Firebase imports.
 */
import { MAX_RATE_LIMIT_HITS } from '@natter/model';

export interface RateLimit {
  /** Calls accepted per window (at least 1). */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export type Decision =
  | { allowed: true; hits: number[]; expiresAtMs: number }
  | { allowed: false; retryAfterMs: number; hits: number[]; expiresAtMs: number };

/**
 * Decides one call at `nowMs`. Hits outside the longest window are dropped; a denied call is not
 * recorded (so waiting `retryAfterMs` always helps). `expiresAtMs` is when the log stops mattering.
 */
export function decide(hits: readonly number[], limits: readonly RateLimit[], nowMs: number): Decision {
  assertLimits(limits);
  const longest = Math.max(...limits.map((l) => l.windowMs));
  const live = hits.filter((t) => t > nowMs - longest).sort((a, b) => a - b);

  let retryAfterMs = 0;
  for (const { max, windowMs } of limits) {
    const inWindow = live.filter((t) => t > nowMs - windowMs);
    if (inWindow.length >= max) {
      // The call fits once enough of the oldest hits in this window have left it.
      const freeingHit = inWindow[inWindow.length - max] ?? nowMs;
      retryAfterMs = Math.max(retryAfterMs, freeingHit + windowMs - nowMs);
    }
  }
  if (retryAfterMs > 0) {
    return { allowed: false, retryAfterMs, hits: live, expiresAtMs: expiry(live, longest, nowMs) };
  }
  const cap = Math.min(MAX_RATE_LIMIT_HITS, Math.max(...limits.map((l) => l.max)));
  const next = [...live, nowMs].slice(-cap);
  return { allowed: true, hits: next, expiresAtMs: expiry(next, longest, nowMs) };
}

function expiry(hits: readonly number[], longest: number, nowMs: number): number {
  return (hits.length > 0 ? Math.max(...hits) : nowMs) + longest;
}

export function assertLimits(limits: readonly RateLimit[]): void {
  if (limits.length === 0) throw new Error('rate limit: at least one limit is required');
  for (const { max, windowMs } of limits) {
    if (!Number.isInteger(max) || max < 1 || max > MAX_RATE_LIMIT_HITS) {
      throw new Error(`rate limit: max must be an integer from 1 to ${MAX_RATE_LIMIT_HITS}, got ${max}`);
    }
    if (!Number.isInteger(windowMs) || windowMs < 1) throw new Error(`rate limit: windowMs must be a positive integer, got ${windowMs}`);
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses limits written as `max/window` pairs, comma-separated: `1/60s,5/1h`, `20/1h`, `100/500ms`.
 * Units: ms, s, m, h, d. Throws on anything else so a bad param fails loudly, never unlimited.
 */
export function parseLimits(text: string): RateLimit[] {
  const limits = text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`rate limit: cannot parse "${part.trim()}" (expected e.g. 5/1h)`);
    const [, max = '', amount = '', unit = ''] = match;
    return { max: Number(max), windowMs: Number(amount) * (UNIT_MS[unit] ?? Number.NaN) };
  });
  assertLimits(limits);
  return limits;
}
