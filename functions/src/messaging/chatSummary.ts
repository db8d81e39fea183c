/**
 * Reads and writes the chat summary (`lastMessage`, `lastMessageAt`, `seq`) from the messages as
 * they are now: the newest message in `(createdAt, id)` order and how many messages came after the
 * summarised one. Commit timestamps only grow, so once a message is visible no later write can land
 * before it: a count up to the newest message is final. Planning is in planSummary.ts.
 */
import { FieldPath } from 'firebase-admin/firestore';
import { chatSchema, messageSchema, paths, type Chat, type TimestampLike } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED } from '../lib/countedWrites.ts';
import { planSummary } from './planSummary.ts';

/**
 * Messages after the summarised one (up to the commit time `through` when given), counted with
 * aggregation queries: one billed read per 1,000 index entries, never a write per message. Called
 * inside the transaction that read `chat` (which retries if the chat changes) but read outside it:
 * the range is fixed by committed messages, which nothing later can land inside.
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

/**
 * Brings the chat summary up to the newest message, in a transaction so that concurrent callers
 * (the triggers of one burst) write it once. Returns the documents written: 0 or 1.
 */
export async function summariseChat(chatId: string): Promise<number> {
  const firestore = db();
  const chatRef = firestore.doc(paths.chat(chatId));
  const newestQuery = firestore
    .collection(paths.messages(chatId))
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .limit(1);
  return firestore.runTransaction(async (tx) => {
    const [chatSnap, newestSnap] = await Promise.all([tx.get(chatRef), tx.get(newestQuery)]);
    const chat = chatSchema.safeParse(chatSnap.data());
    const newestDoc = newestSnap.docs[0];
    const newest = newestDoc ? messageSchema.safeParse(newestDoc.data()) : null;
    if (!chat.success || !newestDoc || !newest?.success) return 0;
    const added = await messagesAfterSummary(chatId, chat.data, newest.data.createdAt);
    const patch = planSummary({ chat: chat.data, newest: { id: newestDoc.id, message: newest.data }, added });
    if (!patch) return 0;
    tx.update(chatRef, patch);
    return 1;
  }, CONTENDED);
}
