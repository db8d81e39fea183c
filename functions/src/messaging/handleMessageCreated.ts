/**
 * Server-side work for a new message, none of it between the sender's write and what recipients
 * see: reject a message that breaks the model, set the server fields a message needs (expiry in a
 * disappearing chat, the real quote, mentions of members; a plain text message needs none), bring
 * the chat summary up to date at most about once a second (at once after a quiet spell, otherwise
 * through one trailing Cloud Task per chat and interval), and name the push task of the message's
 * push window (one per chat and window, so a burst is one notification per device).
 *
 * Every step plans from the documents as they are now, so duplicate and concurrent deliveries give
 * one final state: the message patch is written only when it differs, the summary (a conditional
 * update, no transaction) only when the chat does not yet show the newest message, and the push
 * task has a deterministic id.
 */
import { Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { SUMMARY_INTERVAL_MS, chatSchema, covers, paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { enqueueTask } from '../lib/tasks.ts';
import { enqueueMessageNotification } from '../notifications/enqueueMessageNotification.ts';
import { summariseChat } from './chatSummary.ts';
import { planMessage, type MessagePlan } from './planMessage.ts';
import { rejectedTombstone } from './rejectedMessage.ts';
import { summaryKey, summaryWaitMs } from './planSummary.ts';
import { slotRunAtMs, summaryQueue, summarySlot, summaryTaskId } from './summaryQueue.ts';

export interface MessageCreatedEvent {
  chatId: string;
  messageId: string;
  eventId: string;
}

export interface MessageCreatedOutcome {
  kind: MessagePlan['kind'] | 'gone';
  /** Documents this delivery wrote: the message's server fields, the chat summary (0 for a plain text in a burst). */
  writes: number;
}

type Accepted = Extract<MessagePlan, { kind: 'accept' }>;

export async function handleMessageCreated({ chatId, messageId, eventId }: MessageCreatedEvent): Promise<MessageCreatedOutcome> {
  const started = Date.now();
  const firestore = db();
  const messageRef = firestore.doc(paths.message(chatId, messageId));
  const chatRef = firestore.doc(paths.chat(chatId));

  const [messageSnap, chatSnap] = await Promise.all([messageRef.get(), chatRef.get()]);
  if (!messageSnap.exists) return { kind: 'gone', writes: 0 };
  const message = messageSnap.data();
  const replyToId = readReplyTo(message);
  const quotedSnap = replyToId ? await firestore.doc(paths.message(chatId, replyToId)).get() : null;
  const plan = planMessage({ message, chat: chatSnap.data(), quoted: quotedSnap?.data() });

  if (plan.kind === 'duplicate' || plan.kind === 'presequenced') {
    if (plan.kind === 'duplicate') logs.messageAlreadyProcessed({ chatId, messageId, eventId });
    return { kind: plan.kind, writes: 0 };
  }
  if (plan.kind === 'reject') {
    const writes = await rejectMessage(chatId, messageId);
    if (writes > 0) logs.messageRejected({ chatId, messageId, eventId, reason: plan.reason });
    return { kind: 'reject', writes };
  }

  let writes = await writeServerFields(chatId, messageId, plan);
  writes += await summariseWhenDue(chatId, { id: messageId, createdAtMs: plan.createdAtMs }, chatSnap);
  // The window's task id is deterministic, so a redelivery enqueues nothing new and pushes nothing twice.
  await enqueueMessageNotification(chatId, { id: messageId, createdAtMs: plan.createdAtMs });
  logs.messageFannedOut({ chatId, messageId, eventId, durationMs: Date.now() - started, writes });
  return { kind: 'accept', writes };
}

/**
 * Neutralises a message once: replaced by a marked tombstone that keeps no client payload, so
 * members' listeners receive nothing the model refused.
 */
async function rejectMessage(chatId: string, messageId: string): Promise<number> {
  const firestore = db();
  const ref = firestore.doc(paths.message(chatId, messageId));
  return firestore.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists || snap.get('rejected') === true) return 0;
    tx.set(ref, rejectedTombstone(snap.data()));
    return 1;
  }, CONTENDED);
}

/** The message's own server fields, only those that differ from what is stored (none for plain text). */
async function writeServerFields(chatId: string, messageId: string, plan: Accepted): Promise<number> {
  const patch = {
    ...(plan.expiresAtMs !== null ? { expiresAt: Timestamp.fromMillis(plan.expiresAtMs) } : {}),
    ...(plan.replyTo !== undefined ? { replyTo: plan.replyTo } : {}),
    ...(plan.mentions !== undefined ? { mentions: plan.mentions } : {}),
  };
  if (Object.keys(patch).length === 0) return 0;
  await db().doc(paths.message(chatId, messageId)).update(patch);
  return 1;
}

/**
 * Summarises the chat now after a quiet spell; in a burst, hands the summary to the trailing task
 * of the interval it is due in (one task per chat and interval: the burst's triggers all name the
 * same one), as it does when another writer changed the chat meanwhile. A trigger that finds its
 * message already summarised writes and enqueues nothing.
 */
async function summariseWhenDue(chatId: string, message: { id: string; createdAtMs: number }, chatSnap: DocumentSnapshot): Promise<number> {
  const parsed = chatSchema.safeParse(chatSnap.data());
  if (!parsed.success || covers(summaryKey(parsed.data), message)) return 0;
  const writtenAtMs = chatSnap.updateTime?.toMillis() ?? 0;
  if (summaryWaitMs(writtenAtMs, Date.now()) === 0) {
    const outcome = await summariseChat(chatId, chatSnap);
    if (outcome !== 'contended') return outcome === 'written' ? 1 : 0;
  }
  const slot = summarySlot(Math.max(Date.now(), writtenAtMs + SUMMARY_INTERVAL_MS));
  await enqueueTask(summaryQueue.name, { chatId, slot }, { id: summaryTaskId({ chatId, slot }), scheduleTime: new Date(slotRunAtMs(slot)) });
  return 0;
}

function readReplyTo(message: Record<string, unknown> | undefined): string | null {
  const replyTo = message?.replyTo;
  if (typeof replyTo !== 'object' || replyTo === null) return null;
  const id = (replyTo as Record<string, unknown>).messageId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
}
