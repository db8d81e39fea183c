import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserProfile } from '@natter/model';
import { PROFILE_LINGER_MS, ProfileStore } from './profiles.ts';

/** A fake `watchProfile` that records listeners, so tests can push values and errors. */
function fakeUsers() {
  const active: { uid: string; next: (p: UserProfile | null) => void; fail: (e: Error) => void; stopped: boolean }[] = [];
  return {
    active,
    live: () => active.filter((l) => !l.stopped),
    watchProfile(uid: string, next: (p: UserProfile | null) => void, fail: (e: Error) => void) {
      const entry = { uid, next, fail, stopped: false };
      active.push(entry);
      return () => {
        entry.stopped = true;
      };
    },
  };
}

const profile = (displayName: string) => ({ displayName }) as UserProfile;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the shared profile cache', () => {
  it('shares one listener per uid between subscribers and notifies each', () => {
    const users = fakeUsers();
    const store = new ProfileStore(users, () => undefined);
    const a = vi.fn();
    const b = vi.fn();
    store.subscribe('u1', a);
    store.subscribe('u1', b);
    expect(users.live()).toHaveLength(1);
    users.live()[0]?.next(profile('Ana'));
    expect(store.get('u1')?.displayName).toBe('Ana');
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('keeps the listener through quick unsubscribe/subscribe cycles (no churn), and stops it when idle', () => {
    const users = fakeUsers();
    const store = new ProfileStore(users, () => undefined);
    for (let i = 0; i < 50; i += 1) store.subscribe('u1', () => undefined)();
    expect(users.active).toHaveLength(1);
    vi.advanceTimersByTime(PROFILE_LINGER_MS - 1);
    expect(users.live()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(users.live()).toHaveLength(0);
  });

  it('retries a failed listener while someone still asks, and reports only when retries run out', () => {
    const users = fakeUsers();
    const errors: Error[] = [];
    const store = new ProfileStore(users, (e) => errors.push(e));
    store.subscribe('u1', () => undefined);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      users.active.at(-1)?.fail(new Error('permission-denied'));
      vi.advanceTimersByTime(2_000);
    }
    expect(users.active).toHaveLength(4);
    expect(errors).toEqual([]);
    users.active.at(-1)?.fail(new Error('still denied'));
    expect(errors.map((e) => e.message)).toEqual(['still denied']);
  });
});
