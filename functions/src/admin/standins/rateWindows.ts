/**
 * Fixed-window counting for the interim rate limiter: pure, so it is unit-tested alone. A call is
 * allowed only when every window has room; a refused call is not counted, so a caller who keeps
 * hammering is let back in as soon as the window turns over.
 */
import type { RateDecision, RateLimit } from '../deps.ts';

export interface WindowState {
  start: number;
  count: number;
}

export type Windows = Record<string, WindowState>;

export function planConsume(
  previous: Windows,
  limits: readonly RateLimit[],
  nowMs: number,
): RateDecision & { windows: Windows } {
  const windows: Windows = {};
  let retryAfterSeconds = 0;
  for (const limit of limits) {
    const key = String(limit.windowSeconds);
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const old = previous[key];
    const count = old && old.start === start ? old.count : 0;
    windows[key] = { start, count };
    if (count >= limit.max) retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((start + windowMs - nowMs) / 1000));
  }
  if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds, windows };
  for (const state of Object.values(windows)) state.count += 1;
  return { allowed: true, retryAfterSeconds: 0, windows };
}

/** Reads the stored windows defensively: anything malformed counts as empty. */
export function readWindows(value: unknown): Windows {
  if (typeof value !== 'object' || value === null) return {};
  const windows: Windows = {};
  for (const [key, state] of Object.entries(value as Record<string, unknown>)) {
    const { start, count } = (state ?? {}) as Partial<WindowState>;
    if (typeof start === 'number' && typeof count === 'number') windows[key] = { start, count };
  }
  return windows;
}
