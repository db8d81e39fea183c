/**
 * Typing indicators: `/typing/{chatId}/{uid}` in the Realtime Database holds the RTDB server
 * timestamp (ms) of the member's latest keystroke burst. No function runs for typing: RTDB rules
 * check membership through the `/chatMembers` mirror, writers refresh at most every
 * TYPING_REFRESH_MS, remove their entry on send and with `onDisconnect().remove()`, and readers
 * ignore entries older than TYPING_TTL_MS, so an entry left behind by a crashed client expires by
 * itself.
 */
import { TYPING_TTL_MS, typingSchema } from './schemas/rtdb.ts';

/** A typing client rewrites its entry at most this often while the user keeps typing. */
export const TYPING_REFRESH_MS = 3_000;

/**
 * Who is typing now, from the value of `/typing/{chatId}` (any shape: unknown entries are ignored).
 * `nowMs` is the reader's estimate of server time: `Date.now() + /.info/serverTimeOffset`.
 */
export function activeTypers(entries: unknown, { nowMs, selfUid }: { nowMs: number; selfUid: string | null }): string[] {
  if (typeof entries !== 'object' || entries === null) return [];
  const typers: string[] = [];
  for (const [uid, value] of Object.entries(entries as Record<string, unknown>)) {
    const at = typingSchema.safeParse(value);
    if (!at.success || uid === selfUid) continue;
    // Small negative ages come from clock-offset estimates; far-future stamps are not trusted.
    const age = nowMs - at.data;
    if (age < TYPING_TTL_MS && age > -TYPING_TTL_MS) typers.push(uid);
  }
  return typers.sort();
}

/** Whether a typing client should write its entry again (null: it has not written one yet). */
export function shouldRefreshTyping(lastWrittenMs: number | null, nowMs: number): boolean {
  return lastWrittenMs === null || nowMs - lastWrittenMs >= TYPING_REFRESH_MS;
}
