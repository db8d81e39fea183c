/**
 * A shared, reference-counted cache of public profiles: every component asking for a uid shares one
 * Firestore listener, which stops when the last one unmounts.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { UserProfile } from '@natter/model';
import type { UsersApi } from '../lib/firebase/users.ts';

interface Entry {
  profile: UserProfile | null | undefined;
  listeners: Set<() => void>;
  stop: (() => void) | null;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/** How long a profile listener outlives its last subscriber (screens re-mount often; avoids churn). */
export const PROFILE_LINGER_MS = 30_000;

/** Retries of a profile listener that failed (e.g. while a fresh sign-in's token reaches Firestore). */
const PROFILE_RETRIES = 3;
const PROFILE_RETRY_MS = 2_000;

export class ProfileStore {
  private readonly entries = new Map<string, Entry>();

  private readonly users: Pick<UsersApi, 'watchProfile'>;
  private readonly onError: (error: Error) => void;

  constructor(users: Pick<UsersApi, 'watchProfile'>, onError: (error: Error) => void) {
    this.users = users;
    this.onError = onError;
  }

  get(uid: string): UserProfile | null | undefined {
    return this.entries.get(uid)?.profile;
  }

  private start(uid: string, entry: Entry, attempt: number): void {
    entry.stop = this.users.watchProfile(
      uid,
      (profile) => {
        entry.profile = profile;
        for (const notify of entry.listeners) notify();
      },
      (error) => {
        // A failed listener is dead: forget it, say so, and try again while someone still asks.
        entry.stop = null;
        if (attempt >= PROFILE_RETRIES) {
          this.onError(error);
          return;
        }
        setTimeout(() => {
          if (!entry.stop && entry.listeners.size > 0) this.start(uid, entry, attempt + 1);
        }, PROFILE_RETRY_MS);
      },
    );
  }

  subscribe(uid: string, listener: () => void): () => void {
    let entry = this.entries.get(uid);
    if (!entry) {
      entry = { profile: undefined, listeners: new Set(), stop: null, idleTimer: null };
      this.entries.set(uid, entry);
    }
    const current = entry;
    current.listeners.add(listener);
    if (current.idleTimer) {
      clearTimeout(current.idleTimer);
      current.idleTimer = null;
    }
    if (!current.stop) this.start(uid, current, 0);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || current.idleTimer) return;
      // Keep the last value for a quick re-open; stop listening once nobody asked for a while.
      current.idleTimer = setTimeout(() => {
        current.idleTimer = null;
        if (current.listeners.size > 0) return;
        current.stop?.();
        current.stop = null;
      }, PROFILE_LINGER_MS);
    };
  }
}

export function useProfile(store: ProfileStore, uid: string | null): UserProfile | null | undefined {
  // A stable subscribe function: a new one per render would re-subscribe on every render.
  const subscribe = useCallback((listener: () => void) => (uid ? store.subscribe(uid, listener) : () => undefined), [store, uid]);
  const snapshot = useCallback(() => (uid ? store.get(uid) : null), [store, uid]);
  return useSyncExternalStore(subscribe, snapshot);
}

/** Several profiles at once (e.g. every row's title in the chat list), re-rendering on any change. */
export function useProfiles(store: ProfileStore, uids: readonly string[]): Map<string, UserProfile | null | undefined> {
  const key = [...new Set(uids)].sort().join(',');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const stops = (key ? key.split(',') : []).map((uid) => store.subscribe(uid, () => setVersion((v) => v + 1)));
    return () => {
      for (const stop of stops) stop();
    };
  }, [store, key]);
  return useMemo(
    () => new Map((key ? key.split(',') : []).map((uid) => [uid, store.get(uid)])),
    // `version` changes whenever one of the profiles does.
    [store, key, version],
  );
}
