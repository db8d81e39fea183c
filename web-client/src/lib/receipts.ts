/**
 * Receipts for the UI, on top of the shared model's arithmetic (packages/model receipts.ts), from
 * the member documents a screen already watches (both members of a direct chat): the state, and
 * who read and who has the message. Groups fetch "read by k of n" on demand instead (message info).
 */
import { groupReceipt, type Markers, type ReceiptState } from '@natter/model';

export { unreadCount, type Markers, type ReceiptState } from '@natter/model';

export interface Receipt {
  /** Members other than the sender. */
  recipients: number;
  delivered: number;
  read: number;
  state: ReceiptState;
  readBy: string[];
  deliveredTo: string[];
}

/**
 * What the sender sees on a message with sequence `seq` (undefined until the server numbered it:
 * then it is merely sent), from every member's markers; direct chats have one recipient.
 */
export function receiptFor(seq: number | undefined, senderId: string, members: ReadonlyArray<Markers & { uid: string }>): Receipt {
  const others = members.filter((m) => m.uid !== senderId);
  if (seq === undefined) return { recipients: others.length, delivered: 0, read: 0, state: 'sent', readBy: [], deliveredTo: [] };
  const summary = groupReceipt({
    messageSeq: seq,
    memberCount: members.length,
    readAtLeast: members.filter((m) => m.readSeq >= seq).length,
    deliveredAtLeast: members.filter((m) => m.deliveredSeq >= seq).length,
    sender: members.find((m) => m.uid === senderId),
  });
  return {
    ...summary,
    readBy: others.filter((m) => m.readSeq >= seq).map((m) => m.uid),
    deliveredTo: others.filter((m) => Math.max(m.deliveredSeq, m.readSeq) >= seq).map((m) => m.uid),
  };
}
