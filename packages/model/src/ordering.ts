/**
 * Message order and ordinals without a server-assigned sequence on each message (docs/messaging.md,
 * "The message path"). Every member sees messages ordered by `(createdAt, id)`: `createdAt` is the
 * commit time the server stamps, consistent with what listeners see, and the id breaks ties. A local
 * send still waiting for its server time sorts last. Ordinals (the `seq` the chat summary counts)
 * are derived from the summary's newest message, so receipts and unread counts need no write per
 * message.
 */
import type { TimestampLike } from './schemas/common.ts';

export interface MessageKey {
  id: string;
  /** Server commit time in ms (microseconds as the fraction), or null while the local write is pending. */
  createdAtMs: number | null;
}

/**
 * A timestamp as ms with the microseconds Firestore keeps as the fraction (exact in a double), so
 * two messages committed in the same millisecond still order as the server orders them.
 */
export function orderTimeMs(ts: TimestampLike): number {
  const { seconds, nanoseconds } = ts as Partial<{ seconds: number; nanoseconds: number }>;
  if (typeof seconds !== 'number' || typeof nanoseconds !== 'number') return ts.toMillis();
  return seconds * 1000 + Math.floor(nanoseconds / 1000) / 1000;
}

/** Ascending display order: server time, then id; pending local sends last, in id order. */
export function compareMessages(a: MessageKey, b: MessageKey): number {
  if (a.createdAtMs === null || b.createdAtMs === null) {
    if (a.createdAtMs !== b.createdAtMs) return a.createdAtMs === null ? 1 : -1;
  } else if (a.createdAtMs !== b.createdAtMs) {
    return a.createdAtMs - b.createdAtMs;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `summarised` (the chat's last message) is the same as or newer than `message`. */
export function covers(summarised: MessageKey | null | undefined, message: MessageKey): boolean {
  return summarised != null && summarised.createdAtMs !== null && compareMessages(summarised, message) >= 0;
}

/**
 * Ordinals of the messages in a contiguous feed (ascending display order), counted back from the
 * chat summary's newest message and its `seq`. Messages newer than the summary have no ordinal yet
 * (undefined: the summary has not caught up), nor does anything when the summary's message is not
 * in the feed.
 */
export function messageOrdinals(feed: readonly MessageKey[], last: { id: string; seq: number } | null | undefined): Map<string, number> {
  const ordinals = new Map<string, number>();
  if (!last) return ordinals;
  const at = feed.findIndex((m) => m.id === last.id);
  if (at < 0) return ordinals;
  for (let i = at; i >= 0 && last.seq - (at - i) >= 1; i--) ordinals.set(feed[i]!.id, last.seq - (at - i));
  return ordinals;
}
