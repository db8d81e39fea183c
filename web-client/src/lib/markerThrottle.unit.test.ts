import { describe, expect, it } from 'vitest';
import { markerThrottle, type Clock } from './markerThrottle.ts';

function fakeClock() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const clock: Clock = { now: () => now, later: (run, ms) => void timers.push({ at: now + ms, run }) };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };
  return { clock, advance };
}

describe('markerThrottle', () => {
  it('runs the first request at once and collapses a burst into one trailing run with the newest request', () => {
    const { clock, advance } = fakeClock();
    const request = markerThrottle(2_000, clock);
    const runs: string[] = [];
    request('chat', () => runs.push('seq 1'));
    for (let seq = 2; seq <= 32; seq++) {
      advance(62); // 16 messages a second
      request('chat', () => runs.push(`seq ${seq}`));
    }
    expect(runs).toEqual(['seq 1']);
    advance(2_000);
    expect(runs).toEqual(['seq 1', 'seq 32']);
  });

  it('keeps to one run per interval in a long burst, and chats do not hold each other back', () => {
    const { clock, advance } = fakeClock();
    const request = markerThrottle(2_000, clock);
    let writes = 0;
    let other = 0;
    for (let i = 0; i < 160; i++) {
      request('busy', () => writes++);
      if (i === 80) request('quiet', () => other++);
      advance(62);
    }
    advance(2_000);
    // 10 s of messages: at most one write per 2 s, plus the trailing one.
    expect(writes).toBeLessThanOrEqual(6);
    expect(writes).toBeGreaterThanOrEqual(5);
    expect(other).toBe(1);
  });
});
