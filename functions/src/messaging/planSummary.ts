/**
 * Pure planning for the chat summary (`lastMessage`, `lastMessageAt`, `seq`): when to write it and
 * what it becomes. The summary follows the newest message, never goes backwards, and in a busy
 * chat is written at most about once per `SUMMARY_INTERVAL_MS`; the first message after a quiet
 * spell is summarised at once. `seq` counts the messages up to and including the summarised one,
 * so unread counts stay exact without a write per message. No Firebase imports.
 */
import { SUMMARY_INTERVAL_MS, covers, messagePreview, orderTimeMs, type Chat, type LastMessage, type Message } from '@natter/model';

/** The chat's summarised message as an order key (null before the first message). */
export function summaryKey(chat: Pick<Chat, 'lastMessage'>): { id: string; createdAtMs: number } | null {
  return chat.lastMessage ? { id: chat.lastMessage.id, createdAtMs: orderTimeMs(chat.lastMessage.sentAt) } : null;
}

/**
 * How long a message's trigger waits before summarising: nothing after a quiet spell, otherwise
 * until one interval after the summarised message, so a burst costs one summary write a second.
 */
export function summaryWaitMs(chat: Pick<Chat, 'lastMessage'>, message: { id: string; createdAtMs: number }, nowMs: number): number {
  const last = summaryKey(chat);
  if (covers(last, message)) return 0;
  if (last === null || message.createdAtMs - last.createdAtMs >= SUMMARY_INTERVAL_MS) return 0;
  return Math.min(SUMMARY_INTERVAL_MS, Math.max(0, last.createdAtMs + SUMMARY_INTERVAL_MS - nowMs));
}

export interface SummaryInput {
  chat: Pick<Chat, 'lastMessage' | 'seq'>;
  /** The newest message in display order, as read now. */
  newest: { id: string; message: Message } | null;
  /** Messages after the summarised one, up to and including `newest`. */
  added: number;
}

export type SummaryPatch = Pick<Chat, 'seq' | 'lastMessage' | 'lastMessageAt'>;

/** The new summary, or null when the chat already shows the newest message (replays write nothing). */
export function planSummary({ chat, newest, added }: SummaryInput): SummaryPatch | null {
  if (!newest || added < 1) return null;
  const key = { id: newest.id, createdAtMs: orderTimeMs(newest.message.createdAt) };
  if (chat.lastMessage?.id === newest.id || covers(summaryKey(chat), key)) return null;
  const seq = chat.seq + added;
  const lastMessage: LastMessage = {
    id: newest.id,
    senderId: newest.message.senderId,
    type: newest.message.type,
    preview: messagePreview(newest.message),
    sentAt: newest.message.createdAt,
    seq,
  };
  return { seq, lastMessage, lastMessageAt: newest.message.createdAt };
}
