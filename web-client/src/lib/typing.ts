/**
 * Typing-indicator arithmetic (pure). Entries at `/typing/{chatId}/{uid}` hold the RTDB server time
 * of the member's latest keystroke burst; readers ignore entries older than TYPING_TTL_MS.
 */
import { TYPING_TTL_MS, typingSchema } from '@natter/model';

/** A typing client rewrites its entry at most this often while the user keeps typing. */
export const TYPING_REFRESH_MS = 3_000;

/** Who is typing now, from the value of `/typing/{chatId}`; `nowMs` is the estimated server time. */
export function activeTypers(entries: unknown, { nowMs, selfUid }: { nowMs: number; selfUid: string | null }): string[] {
  if (typeof entries !== 'object' || entries === null) return [];
  const typers: string[] = [];
  for (const [uid, value] of Object.entries(entries as Record<string, unknown>)) {
    const at = typingSchema.safeParse(value);
    if (!at.success || uid === selfUid) continue;
    const age = nowMs - at.data;
    if (age < TYPING_TTL_MS && age > -TYPING_TTL_MS) typers.push(uid);
  }
  return typers.sort();
}

export function shouldRefreshTyping(lastWrittenMs: number | null, nowMs: number): boolean {
  return lastWrittenMs === null || nowMs - lastWrittenMs >= TYPING_REFRESH_MS;
}
