/**
 * Presence for push decisions, from the Realtime Database: `/status/{uid}` (online at all) and the
 * owner-only `/viewing/{uid}` (which chat is open in a visible tab; not in `/status`, which every
 * signed-in user can read). The push worker asks only about members it would push to (they have a
 * device), so finding who is reading now costs no Firestore read. Without a Realtime Database (none configured, or the emulator not running) the answer is
 * "nobody", so nobody misses a push.
 */
import { rtdbPaths, statusSchema, viewingSchema } from '@natter/model';
import { realtimeDatabase, rtdbAvailable } from '../lib/realtimeDatabase.ts';

export interface PresenceReader {
  /** The subset of `uids` whose presence says they are viewing `chatId`. */
  viewing(chatId: string, uids: readonly string[]): Promise<Set<string>>;
  /** The subset of `uids` whose presence says they are online at all. */
  online(uids: readonly string[]): Promise<Set<string>>;
}

const READ_TIMEOUT_MS = 3_000;

/** The Realtime Database presence reader, or null when this deployment has no database. */
export function rtdbPresence(): PresenceReader | null {
  if (!rtdbAvailable()) return null;

  /** Reads one entry per uid, all at once, giving up after a few seconds (pushes must not wait). */
  async function readEach(uids: readonly string[], path: (uid: string) => string): Promise<(readonly [string, unknown])[]> {
    const database = await realtimeDatabase();
    if (!database) return [];
    const reads = Promise.all(uids.map(async (uid) => [uid, (await database.ref(path(uid)).get()).val() as unknown] as const));
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('presence read timed out')), READ_TIMEOUT_MS).unref());
    return Promise.race([reads, timeout]);
  }

  return {
    async viewing(chatId, uids) {
      const entries = await readEach(uids, rtdbPaths.viewing);
      return new Set(entries.filter(([, raw]) => viewingSchema.safeParse(raw).data?.chatId === chatId).map(([uid]) => uid));
    },
    async online(uids) {
      const entries = await readEach(uids, rtdbPaths.status);
      return new Set(entries.filter(([, raw]) => statusSchema.safeParse(raw).data?.state === 'online').map(([uid]) => uid));
    },
  };
}
