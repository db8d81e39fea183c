/**
 * Reads and writes the chat summary (`lastMessage`, `lastMessageAt`, `seq`) from the messages as
 * they are now: the newest message in `(createdAt, id)` order and how many messages came after the
 * summarised one. Commit timestamps only grow, so once a message is visible no later write can land
 * before it: a count up to the newest message is final. Planning is in planSummary.ts.
 */
import { FieldPath, type DocumentSnapshot } from 'firebase-admin/firestore';
import { chatSchema, messageSchema, paths, type Chat, type TimestampLike } from '@natter/model';
import { db } from '../lib/admin.ts';
import { planSummary } from './planSummary.ts';

/**
 * Messages after the summarised one (up to the commit time `through` when given), counted with
 * aggregation queries: one billed read per 1,000 index entries, never a write per message. Read
 * outside any transaction: the range is fixed by committed messages, which nothing later can land
 * inside, and the caller's write is conditional on the chat it counted from.
 */
export async function messagesAfterSummary(chatId: string, chat: Pick<Chat, 'lastMessage'>, through?: TimestampLike): Promise<number> {
  const messages = db().collection(paths.messages(chatId));
  const bounded = through === undefined ? messages : messages.where('createdAt', '<=', through);
  const last = chat.lastMessage;
  if (!last) return (await bounded.count().get()).data().count;
  const [later, sameTime] = await Promise.all([
    bounded.where('createdAt', '>', last.sentAt).count().get(),
    // Two commits may share a timestamp; the id orders them, as it does for every reader.
    messages.where('createdAt', '==', last.sentAt).where(FieldPath.documentId(), '>', messages.doc(last.id)).count().get(),
  ]);
  return later.data().count + sameTime.data().count;
}

/** What a summary attempt did: wrote it, found nothing to write, or lost a race to another writer. */
export type SummaryOutcome = 'written' | 'current' | 'contended';

/**
 * Brings the chat summary up to the newest message, without a transaction: a transaction that
 * reads the messages query would lock its range and the chat, so every send into a busy chat (and
 * the rules' get() of the chat) would queue behind it. Everything is read first, then the chat is
 * updated only if it has not been written since it was read (`lastUpdateTime` precondition); a
 * writer that loses that race reports `contended` and the caller leaves the summary to the trailing
 * task. Commit timestamps only grow, so the counted range cannot change under it.
 */
export async function summariseChat(chatId: string, chatRead?: DocumentSnapshot): Promise<SummaryOutcome> {
  const firestore = db();
  const chatRef = firestore.doc(paths.chat(chatId));
  const newestQuery = firestore
    .collection(paths.messages(chatId))
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .limit(1);
  // The chat first (the trigger passes the one it already read): a message newer than the newest
  // read below is left to its own trigger, and the precondition catches any write in between.
  const chatSnap = chatRead ?? (await chatRef.get());
  const newestSnap = await newestQuery.get();
  const chat = chatSchema.safeParse(chatSnap.data());
  const newestDoc = newestSnap.docs[0];
  const newest = newestDoc ? messageSchema.safeParse(newestDoc.data()) : null;
  if (!chat.success || !newestDoc || !newest?.success || !chatSnap.updateTime) return 'current';
  const added = await messagesAfterSummary(chatId, chat.data, newest.data.createdAt);
  const patch = planSummary({ chat: chat.data, newest: { id: newestDoc.id, message: newest.data }, added });
  if (!patch) return 'current';
  try {
    await chatRef.update(patch, { lastUpdateTime: chatSnap.updateTime });
    return 'written';
  } catch (error) {
    if (isPreconditionFailure(error)) return 'contended';
    throw error;
  }
}

/** Firestore's answer when a `lastUpdateTime` precondition no longer holds. */
function isPreconditionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 9 || code === 'failed-precondition' || code === 'FAILED_PRECONDITION';
}
