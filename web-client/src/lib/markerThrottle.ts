/**
 * At most one marker write per chat per interval, whatever the message rate: the first request
 * after a quiet spell runs at once, later ones collapse into one trailing run with the newest
 * request (it carries the newest markers). The chat list and the open conversation share one
 * throttle, so delivery and read marks of one chat never add up to more than one write.
 */
export interface Clock {
  now(): number;
  later(run: () => void, ms: number): void;
}

const realClock: Clock = { now: () => Date.now(), later: (run, ms) => void setTimeout(run, ms) };

export function markerThrottle(intervalMs: number, clock: Clock = realClock) {
  const lastRun = new Map<string, number>();
  const pending = new Map<string, () => void>();

  const runNow = (key: string, run: () => void) => {
    lastRun.set(key, clock.now());
    run();
  };

  return function request(key: string, run: () => void): void {
    const since = clock.now() - (lastRun.get(key) ?? -Infinity);
    const waiting = pending.has(key);
    pending.set(key, run);
    if (waiting) return;
    if (since >= intervalMs) {
      pending.delete(key);
      runNow(key, run);
      return;
    }
    clock.later(() => {
      const latest = pending.get(key);
      pending.delete(key);
      if (latest) runNow(key, latest);
    }, intervalMs - since);
  };
}
