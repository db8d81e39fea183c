/**
 * Unread counts and receipts from the sequence markers (see docs/messaging.md): pure arithmetic the
 * clients use on documents they already listen to, so no per-member document is written per message.
 */

export interface Markers {
  readSeq: number;
  deliveredSeq: number;
}

/**
 * Unread messages for a member: the chat's `seq` minus the newest read marker, which is on the
 * member document or, for users with read receipts off, on their private `readStates/{chatId}`.
 */
export function unreadCount(
  chatSeq: number,
  member: Pick<Markers, 'readSeq'> | null | undefined,
  readState?: Pick<Markers, 'readSeq'> | null,
): number {
  const read = Math.max(member?.readSeq ?? 0, readState?.readSeq ?? 0);
  return Math.max(0, chatSeq - read);
}

/** `pending`: not yet sequenced by the server; then one, two grey, two blue ticks. */
export type ReceiptState = 'pending' | 'sent' | 'delivered' | 'read';

/** Direct chats: what the sender sees on a message, from the other member's markers. */
export function directReceipt(messageSeq: number | undefined, other: Markers | null | undefined): ReceiptState {
  if (messageSeq === undefined) return 'pending';
  if (!other) return 'sent';
  if (other.readSeq >= messageSeq) return 'read';
  if (other.deliveredSeq >= messageSeq) return 'delivered';
  return 'sent';
}

export interface GroupReceipt {
  /** Members other than the sender. */
  recipients: number;
  delivered: number;
  read: number;
  state: ReceiptState;
}

/**
 * Groups: "read by k of n". The counts come from two aggregation queries over the members
 * (`count()` of `readSeq >= seq` and of `deliveredSeq >= seq`, billed one read per 1,000 entries),
 * taken over every member; the sender is subtracted here when their own markers reach the message.
 */
export function groupReceipt(input: {
  messageSeq: number | undefined;
  memberCount: number;
  readAtLeast: number;
  deliveredAtLeast: number;
  sender: Markers | null | undefined;
}): GroupReceipt {
  const recipients = Math.max(0, input.memberCount - 1);
  if (input.messageSeq === undefined) return { recipients, delivered: 0, read: 0, state: 'pending' };
  const seq = input.messageSeq;
  const senderRead = (input.sender?.readSeq ?? 0) >= seq ? 1 : 0;
  const senderDelivered = (input.sender?.deliveredSeq ?? 0) >= seq ? 1 : 0;
  const read = clamp(input.readAtLeast - senderRead, 0, recipients);
  const delivered = clamp(Math.max(input.deliveredAtLeast - senderDelivered, read), 0, recipients);
  const state: ReceiptState = recipients > 0 && read === recipients ? 'read' : recipients > 0 && delivered === recipients ? 'delivered' : 'sent';
  return { recipients, delivered, read, state };
}

/**
 * The one write a client makes to move its markers: delivery always advances to the chat's `seq`,
 * reading (chat open and visible) advances `readSeq` too. Returns null when nothing would change,
 * so clients never spend a write on a no-op. Markers only grow (rules reject going back).
 */
export function markerUpdate(current: Markers, chatSeq: number, { reading }: { reading: boolean }): Partial<Markers> | null {
  const update: Partial<Markers> = {};
  if (chatSeq > current.deliveredSeq) update.deliveredSeq = chatSeq;
  if (reading && chatSeq > current.readSeq) update.readSeq = chatSeq;
  return Object.keys(update).length > 0 ? update : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
