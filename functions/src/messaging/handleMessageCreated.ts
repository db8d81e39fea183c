/**
 * Applies the plan for a new message in one transaction: the chat's sequence and summary, the
 * message's own server fields and the sender's markers. Re-running it changes nothing (the message
 * carries its `seq` once processed), so duplicate and concurrent deliveries give one final state.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { enqueueMessageNotification } from '../notifications/enqueueMessageNotification.ts';
import { planMessage } from './planMessage.ts';

export interface MessageCreatedEvent {
  chatId: string;
  messageId: string;
  eventId: string;
}

export async function handleMessageCreated({ chatId, messageId, eventId }: MessageCreatedEvent): Promise<void> {
  const started = Date.now();
  const firestore = db();
  const messageRef = firestore.doc(paths.message(chatId, messageId));
  const chatRef = firestore.doc(paths.chat(chatId));

  const outcome = await firestore.runTransaction(async (tx) => {
    const [messageSnap, chatSnap] = await Promise.all([tx.get(messageRef), tx.get(chatRef)]);
    if (!messageSnap.exists) return { kind: 'gone' as const };
    const message = messageSnap.data();
    const replyToId = readReplyTo(message);
    const quotedSnap = replyToId ? await tx.get(firestore.doc(paths.message(chatId, replyToId))) : null;
    const plan = planMessage({ messageId, message, chat: chatSnap.data(), quoted: quotedSnap?.data() });

    if (plan.kind === 'duplicate') return plan;
    if (plan.kind === 'reject') {
      // Never fanned out: the content is cleared and the message marked, so clients show nothing.
      tx.update(messageRef, { rejected: true, text: '', media: null, deletedForEveryone: true });
      return plan;
    }
    const senderId = String(message?.senderId);
    tx.update(chatRef, { seq: plan.seq, lastMessage: plan.lastMessage, lastMessageAt: plan.lastMessage.sentAt });
    tx.update(messageRef, {
      seq: plan.seq,
      ...(plan.expiresAtMs !== null ? { expiresAt: Timestamp.fromMillis(plan.expiresAtMs) } : {}),
      ...(plan.replyPreview !== null ? { 'replyTo.preview': plan.replyPreview } : {}),
    });
    // Sending implies having read the chat up to one's own message; system messages have no reader.
    if (message?.type !== 'system') {
      tx.set(
        firestore.doc(paths.member(chatId, senderId)),
        { readSeq: plan.seq, deliveredSeq: plan.seq },
        { merge: true },
      );
    }
    return plan;
  });

  // Issue 6 (push notifications): enqueue after sequencing. Also on 'duplicate', so a redelivery
  // after a failed enqueue still pushes; the task id is deterministic, so this never pushes twice,
  // and the worker skips rejected messages.
  if (outcome.kind === 'accept' || outcome.kind === 'duplicate') {
    await enqueueMessageNotification(chatId, messageId);
  }

  if (outcome.kind === 'accept') {
    logs.messageFannedOut({ chatId, messageId, seq: outcome.seq, eventId, durationMs: Date.now() - started });
  } else if (outcome.kind === 'duplicate') {
    logs.messageAlreadyProcessed({ chatId, messageId, eventId });
  } else if (outcome.kind === 'reject') {
    logs.messageRejected({ chatId, messageId, eventId, reason: outcome.reason });
  }
}

function readReplyTo(message: Record<string, unknown> | undefined): string | null {
  const replyTo = message?.replyTo;
  if (typeof replyTo !== 'object' || replyTo === null) return null;
  const id = (replyTo as Record<string, unknown>).messageId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
}
