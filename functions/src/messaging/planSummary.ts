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
 * How long a message's trigger waits before summarising, from when the chat document was last
 * written: nothing after a quiet spell (the first message shows at once), otherwise until one
 * interval after that write, so a burst costs about one summary write a second. Measured from the
 * write, not from the summarised message: a burst whose summary trails by more than an interval
 * must still not have every trigger write it.
 */
export function summaryWaitMs(chatWrittenAtMs: number, nowMs: number): number {
  return Math.min(SUMMARY_INTERVAL_MS, Math.max(0, chatWrittenAtMs + SUMMARY_INTERVAL_MS - nowMs));
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
