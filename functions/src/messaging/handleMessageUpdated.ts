/**
 * Follows edits and deletes for everyone: keeps the chat's `lastMessage` preview in step when the
 * updated message is the chat's last one, clears content an update left behind, and removes the
 * votes of a poll deleted for everyone (they name its options). Reads happen
 * only when the event shows a visible change; the transaction recomputes from current documents,
 * so any number of deliveries, in any order, give the same final state.
 */
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED, CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { needsUpdateWork, planMessageUpdate } from './planMessageUpdate.ts';

export interface MessageUpdatedEvent {
  chatId: string;
  messageId: string;
  eventId: string;
  before: unknown;
  after: unknown;
}

export async function handleMessageUpdated(event: MessageUpdatedEvent): Promise<{ writes: number }> {
  if (!needsUpdateWork(event.before, event.after)) return { writes: 0 };
  const { chatId, messageId, eventId } = event;
  const firestore = db();
  const messageRef = firestore.doc(paths.message(chatId, messageId));
  const chatRef = firestore.doc(paths.chat(chatId));

  const result = await firestore.runTransaction(async (tx) => {
    const [messageSnap, chatSnap] = await Promise.all([tx.get(messageRef), tx.get(chatRef)]);
    if (!messageSnap.exists) return { writes: 0, reason: 'none' as const };
    const plan = planMessageUpdate({ messageId, message: messageSnap.data(), chat: chatSnap.data() });
    const writes = new CountedWrites(tx);
    if (plan.messagePatch) writes.update(messageRef, plan.messagePatch);
    if (plan.preview !== null) writes.update(chatRef, { 'lastMessage.preview': plan.preview });
    return { writes: writes.count, reason: plan.reason };
  }, CONTENDED);

  if (isGonePoll(event.after)) await firestore.recursiveDelete(firestore.collection(paths.pollVotes(chatId, messageId)));
  if (result.reason === 'invalid') logs.messageUpdateNeutralised({ chatId, messageId, eventId, reason: 'update fails the model schema' });
  if (result.writes > 0 && result.reason !== 'invalid') logs.messagePreviewUpdated({ chatId, messageId, eventId, reason: result.reason });
  return { writes: result.writes };
}

/** A poll deleted for everyone or rejected: its votes go (idempotent, so every delivery may try). */
function isGonePoll(after: unknown): boolean {
  if (typeof after !== 'object' || after === null) return false;
  const message = after as Record<string, unknown>;
  return message.type === 'poll' && (message.deletedForEveryone === true || message.rejected === true);
}
