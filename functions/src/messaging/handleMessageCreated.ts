/**
 * Applies the plan for a new message in one transaction: the chat's sequence and summary, the
 * message's own server fields and the sender's read marker. Re-running it changes nothing (the
 * message carries its `seq` once processed, and everything is written in the transaction that sets
 * it), so duplicate and concurrent deliveries give one final state. The push task is enqueued after
 * the commit under a deterministic task id, so every delivery names the same single task.
 *
 * Writes per accepted message, whatever the group size: the chat, the message and the sender's
 * marker (3, plus the client's own create: 4). See docs/messaging.md.
 */
import { Timestamp, type DocumentReference } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED, CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { enqueueMessageNotification } from '../notifications/enqueueMessageNotification.ts';
import { markSenderRead } from './markers.ts';
import { planMessage, type MessagePlan } from './planMessage.ts';
import { rejectedTombstone } from './rejectedMessage.ts';

export interface MessageCreatedEvent {
  chatId: string;
  messageId: string;
  eventId: string;
}

export interface MessageCreatedOutcome {
  kind: MessagePlan['kind'] | 'gone';
  seq: number | null;
  /** Documents this delivery wrote (its own write accounting; 0 for duplicates). */
  writes: number;
}

export async function handleMessageCreated({ chatId, messageId, eventId }: MessageCreatedEvent): Promise<MessageCreatedOutcome> {
  const started = Date.now();
  const firestore = db();
  const messageRef = firestore.doc(paths.message(chatId, messageId));
  const chatRef = firestore.doc(paths.chat(chatId));

  const outcome = await firestore.runTransaction(
    async (tx): Promise<{ plan: MessagePlan | null; writes: number }> => {
      const [messageSnap, chatSnap] = await Promise.all([tx.get(messageRef), tx.get(chatRef)]);
      if (!messageSnap.exists) return { plan: null, writes: 0 };
      const message = messageSnap.data();
      const replyToId = readReplyTo(message);
      const quotedSnap = replyToId ? await tx.get(firestore.doc(paths.message(chatId, replyToId))) : null;
      const plan = planMessage({ messageId, message, chat: chatSnap.data(), quoted: quotedSnap?.data() });

      if (plan.kind === 'duplicate' || plan.kind === 'presequenced') return { plan, writes: 0 };
      const writes = new CountedWrites(tx);
      if (plan.kind === 'reject') {
        // Never fanned out: replaced by a marked tombstone holding no client payload (one write).
        writes.set(messageRef, rejectedTombstone(message));
      } else {
        await applyAccepted(writes, { chatId, messageId, chatRef, messageRef }, plan);
      }
      return { plan, writes: writes.count };
    },
    CONTENDED,
  );

  const { plan, writes } = outcome;
  if (plan === null) return { kind: 'gone', seq: null, writes };
  // Push notifications go to the Cloud Tasks worker after sequencing; also on a duplicate delivery,
  // so a redelivery after a failed enqueue still pushes. The task id is deterministic (never twice).
  if (plan.kind === 'accept' || plan.kind === 'duplicate') await enqueueMessageNotification(chatId, messageId);
  if (plan.kind === 'accept') {
    logs.messageFannedOut({ chatId, messageId, seq: plan.seq, eventId, durationMs: Date.now() - started, writes });
  } else if (plan.kind === 'duplicate') {
    logs.messageAlreadyProcessed({ chatId, messageId, eventId });
  } else if (plan.kind === 'reject') {
    logs.messageRejected({ chatId, messageId, eventId, reason: plan.reason });
  }
  return { kind: plan.kind, seq: plan.kind === 'accept' ? plan.seq : null, writes };
}

async function applyAccepted(
  tx: CountedWrites,
  refs: { chatId: string; messageId: string; chatRef: DocumentReference; messageRef: DocumentReference },
  plan: Extract<MessagePlan, { kind: 'accept' }>,
): Promise<void> {
  const { chatId } = refs;
  tx.update(refs.chatRef, { seq: plan.seq, lastMessage: plan.lastMessage, lastMessageAt: plan.lastMessage.sentAt });
  tx.update(refs.messageRef, {
    seq: plan.seq,
    ...(plan.expiresAtMs !== null ? { expiresAt: Timestamp.fromMillis(plan.expiresAtMs) } : {}),
    ...(plan.replyTo !== undefined ? { replyTo: plan.replyTo } : {}),
    ...(plan.mentions !== undefined ? { mentions: plan.mentions } : {}),
  });
  // Sending implies having read the chat up to one's own message.
  await markSenderRead(tx, chatId, plan.senderId, plan.seq);
}

function readReplyTo(message: Record<string, unknown> | undefined): string | null {
  const replyTo = message?.replyTo;
  if (typeof replyTo !== 'object' || replyTo === null) return null;
  const id = (replyTo as Record<string, unknown>).messageId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
}
