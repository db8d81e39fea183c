/**
 * Chats for staff: metadata, members and counts for any chat; message content only for chats a
 * report names (with evidence the reporter could see). Deleting a chat removes its messages, media
 * and members in bounded batches, then the chat itself, so a retry after a failure resumes.
 */
import { FieldPath, Timestamp, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { ADMIN_API_LIMITS, COLLECTIONS, paths, storagePaths, type ChatDetail, type DeleteChatResult } from '@natter/model';
import type { AdminDeps } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { cursorIdSchema, decodeCursor, encodeCursor, timestampTupleSchema } from '../cursor.ts';
import { deleteMatching } from './batches.ts';
import { toJsonObject } from './json.ts';

const messageCursorSchema = z.strictObject({ at: timestampTupleSchema.nullable(), id: cursorIdSchema });

/** Reports that name the chat and whose evidence was captured: these unlock message content. */
function reportsNaming(deps: AdminDeps, chatId: string): Query {
  return deps.db.collection(COLLECTIONS.reports).where('target.chatId', '==', chatId);
}

export async function getChat(
  deps: AdminDeps,
  chatId: string,
  options: { limit?: number | undefined; cursor?: string | undefined },
): Promise<ChatDetail> {
  const limit = options.limit ?? ADMIN_API_LIMITS.defaultPageSize;
  const chatRef = deps.db.doc(paths.chat(chatId));
  const [chat, members, memberCount, messageCount, reportCount, evidenced] = await Promise.all([
    chatRef.get(),
    chatRef.collection(COLLECTIONS.members).orderBy(FieldPath.documentId()).limit(limit).get(),
    chatRef.collection(COLLECTIONS.members).count().get(),
    chatRef.collection(COLLECTIONS.messages).count().get(),
    reportsNaming(deps, chatId).count().get(),
    reportsNaming(deps, chatId).where('evidence.available', '==', true).limit(1).get(),
  ]);
  if (!chat.exists) throw new ServiceError('not-found', `No chat has the id '${chatId}'.`, { field: 'chatId' });
  const messagesVisible = !evidenced.empty;
  const page = messagesVisible ? await messagePage(deps, chatId, limit, options.cursor) : null;
  if (!messagesVisible && options.cursor) {
    throw new ServiceError('invalid', 'message pages exist only for chats a report names', { field: 'cursor' });
  }
  return {
    chatId,
    chat: toJsonObject(chat.data()),
    members: members.docs.map((doc) => ({ uid: doc.id, ...toJsonObject(doc.data()) })),
    counts: { members: memberCount.data().count, messages: messageCount.data().count, reports: reportCount.data().count },
    messagesVisible,
    messages: page?.items ?? null,
    nextCursor: page?.nextCursor ?? null,
  };
}

async function messagePage(deps: AdminDeps, chatId: string, limit: number, cursor: string | undefined) {
  let q = deps.db.collection(paths.messages(chatId)).orderBy('createdAt', 'desc').orderBy(FieldPath.documentId(), 'desc');
  if (cursor) {
    const { at, id } = decodeCursor(cursor, messageCursorSchema);
    if (at === null) throw new ServiceError('invalid', 'is not a nextCursor this listing issued', { field: 'cursor' });
    q = q.startAfter(new Timestamp(at[0], at[1]), id);
  }
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  const lastAt: unknown = last?.get('createdAt');
  return {
    items: docs.map((doc) => ({ id: doc.id, ...toJsonObject(doc.data()) })),
    nextCursor:
      snap.size > limit && last && lastAt instanceof Timestamp
        ? encodeCursor({ at: [lastAt.seconds, lastAt.nanoseconds], id: last.id })
        : null,
  };
}

export async function deleteChat(deps: AdminDeps, chatId: string): Promise<DeleteChatResult> {
  const chatRef = deps.db.doc(paths.chat(chatId));
  if (!(await chatRef.get()).exists) throw new ServiceError('not-found', `No chat has the id '${chatId}'.`, { field: 'chatId' });
  // Content first, the chat document last: until it goes, a failed run can simply be repeated.
  const messagesDeleted = await deleteMatching(deps.db, chatRef.collection(COLLECTIONS.messages));
  const mediaDeleted = await deps.media.deletePrefix(storagePaths.chatMediaPrefix(chatId));
  const membersDeleted = await deleteMatching(deps.db, chatRef.collection(COLLECTIONS.members));
  await chatRef.delete();
  return { chatId, deleted: true, messagesDeleted, membersDeleted, mediaDeleted };
}
