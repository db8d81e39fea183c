/**
 * The sender's read marker: whoever posts into a chat has read it up to their own message. Users
 * with read receipts off keep that marker in their owner-only `readStates/{chatId}`, so other
 * members never learn when they read. Either way it is a single write.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CountedWrites } from '../lib/countedWrites.ts';
import { accountSettings } from '../lib/lookups.ts';

export async function markSenderRead(w: CountedWrites, chatId: string, uid: string, seq: number): Promise<void> {
  const { readReceipts } = await accountSettings(uid);
  if (readReceipts) {
    w.set(db().doc(paths.member(chatId, uid)), { readSeq: seq, deliveredSeq: seq }, { merge: true });
  } else {
    w.set(db().doc(paths.readState(uid, chatId)), { readSeq: seq, updatedAt: Timestamp.now() });
  }
}
