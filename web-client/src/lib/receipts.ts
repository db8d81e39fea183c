/**
 * Unread counts and receipt ticks from the sequence markers (pure; see docs/data-model.md):
 * unread = chat.seq - max(member.readSeq, readState.readSeq); a message with seq s is read by every
 * member whose readSeq >= s and delivered to every member whose deliveredSeq >= s.
 */
export interface Markers {
  readSeq: number;
  deliveredSeq: number;
}

export type ReceiptState = 'pending' | 'sent' | 'delivered' | 'read';

export function unreadCount(chatSeq: number, member: Pick<Markers, 'readSeq'> | null | undefined, readState?: Pick<Markers, 'readSeq'> | null): number {
  return Math.max(0, chatSeq - Math.max(member?.readSeq ?? 0, readState?.readSeq ?? 0));
}

export interface GroupReceipt {
  /** Members other than the sender. */
  recipients: number;
  delivered: number;
  read: number;
  state: ReceiptState;
  readBy: string[];
  deliveredTo: string[];
}

/**
 * What the sender sees on a message, from every other member's markers (direct chats have one).
 * `seq` is undefined until the server has numbered the message.
 */
export function receiptFor(
  seq: number | undefined,
  senderId: string,
  members: ReadonlyArray<Markers & { uid: string }>,
): GroupReceipt {
  const others = members.filter((m) => m.uid !== senderId);
  if (seq === undefined) return { recipients: others.length, delivered: 0, read: 0, state: 'sent', readBy: [], deliveredTo: [] };
  const readBy = others.filter((m) => m.readSeq >= seq).map((m) => m.uid);
  const deliveredTo = others.filter((m) => Math.max(m.deliveredSeq, m.readSeq) >= seq).map((m) => m.uid);
  const n = others.length;
  const state: ReceiptState = n > 0 && readBy.length === n ? 'read' : n > 0 && deliveredTo.length === n ? 'delivered' : 'sent';
  return { recipients: n, delivered: deliveredTo.length, read: readBy.length, state, readBy, deliveredTo };
}
