/**
 * The Realtime Database: presence (`/status/{uid}` with onDisconnect), the chat on screen
 * (`/viewing/{uid}`, owner-only, for push decisions) and typing indicators (`/typing/{chatId}/{uid}`). Where the Realtime Database is not available (`services.database` is
 * null, e.g. on an offline emulator machine) every function is a no-op and `available` is false, so
 * the UI shows a notice instead of failing.
 */
import {
  onDisconnect,
  onValue,
  ref,
  remove,
  serverTimestamp,
  set,
  type Database,
  type DatabaseReference,
} from 'firebase/database';
import { activeTypers, rtdbPaths, shouldRefreshTyping, statusSchema, type Status } from '@natter/model';
import type { Services } from './services.ts';

type Unsubscribe = () => void;
const noop: Unsubscribe = () => undefined;

/** Server time estimate for a database: the local clock plus the offset the server reported. */
function watchServerOffset(database: Database, onChange: (offsetMs: number) => void): Unsubscribe {
  return onValue(ref(database, '.info/serverTimeOffset'), (snap) => onChange(Number(snap.val() ?? 0)));
}

/**
 * Keeps `target` at `value` while this client is connected. On every (re)connection it first arms
 * the server-side `onDisconnect` write (`whenGone`, or removal when null; the server drops armed
 * handlers with the connection that set them), then writes `value`. Stopping does the same at once.
 */
function holdWhileConnected(
  database: Database,
  target: DatabaseReference,
  value: object,
  whenGone: object | null,
  onError: (error: Error) => void,
): Unsubscribe {
  const stop = onValue(ref(database, '.info/connected'), (snap) => {
    if (snap.val() !== true) return;
    const armed = whenGone ? onDisconnect(target).set(whenGone) : onDisconnect(target).remove();
    armed.then(() => set(target, value)).catch(onError);
  });
  return () => {
    stop();
    (whenGone ? set(target, whenGone) : remove(target)).catch(onError);
  };
}

export function databaseApi(services: Pick<Services, 'database'>) {
  const database = services.database;
  const lastTypingWrite = new Map<string, number>();
  return {
    available: database !== null,

    /** Marks the user online while connected and offline (server-side) when the connection drops. */
    startPresence(uid: string, onError: (error: Error) => void): Unsubscribe {
      if (!database) return noop;
      const offline = { state: 'offline', lastChanged: serverTimestamp() };
      return holdWhileConnected(database, ref(database, rtdbPaths.status(uid)), { state: 'online', lastChanged: serverTimestamp() }, offline, onError);
    },

    watchStatus(uid: string, onChange: (status: Status | null) => void, onError: (error: Error) => void): Unsubscribe {
      if (!database) return noop;
      return onValue(
        ref(database, rtdbPaths.status(uid)),
        (snap) => {
          const parsed = statusSchema.safeParse(snap.val());
          onChange(parsed.success ? parsed.data : null);
        },
        onError,
      );
    },

    /**
     * Says, to the server only, which chat this tab shows (`/viewing/{uid}`), so the push worker
     * skips the reader for it. Cleared when stopped and, server-side, when the connection drops.
     */
    viewChat(chatId: string, uid: string, onError: (error: Error) => void): Unsubscribe {
      if (!database) return noop;
      return holdWhileConnected(database, ref(database, rtdbPaths.viewing(uid)), { chatId, since: serverTimestamp() }, null, onError);
    },

    /** Notes a keystroke; writes at most every few seconds, and the entry vanishes on disconnect. */
    typing(chatId: string, uid: string, onError: (error: Error) => void): void {
      if (!database) return;
      const now = Date.now();
      if (!shouldRefreshTyping(lastTypingWrite.get(chatId) ?? null, now)) return;
      lastTypingWrite.set(chatId, now);
      const typingRef = ref(database, rtdbPaths.typing(chatId, uid));
      onDisconnect(typingRef)
        .remove()
        .then(() => set(typingRef, serverTimestamp()))
        .catch(onError);
    },

    stopTyping(chatId: string, uid: string, onError: (error: Error) => void): void {
      if (!database || !lastTypingWrite.has(chatId)) return;
      lastTypingWrite.delete(chatId);
      remove(ref(database, rtdbPaths.typing(chatId, uid))).catch(onError);
    },

    /** Who else is typing in a chat, re-evaluated every second so stale entries expire. */
    watchTyping(chatId: string, selfUid: string, onChange: (uids: string[]) => void, onError: (error: Error) => void): Unsubscribe {
      if (!database) return noop;
      let entries: unknown = null;
      let offset = 0;
      const publish = () => onChange(activeTypers(entries, { nowMs: Date.now() + offset, selfUid }));
      const stopOffset = watchServerOffset(database, (value) => {
        offset = value;
      });
      const stopEntries = onValue(
        ref(database, rtdbPaths.typingInChat(chatId)),
        (snap) => {
          entries = snap.val();
          publish();
        },
        onError,
      );
      const timer = setInterval(publish, 1000);
      return () => {
        clearInterval(timer);
        stopOffset();
        stopEntries();
      };
    },
  };
}
export type DatabaseApi = ReturnType<typeof databaseApi>;
