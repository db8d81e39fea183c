/**
 * Takes a deleted user out of one chat in a transaction: membership gone, a system message saying
 * so, a group left without admins gets its first remaining member (the earliest added) as admin,
 * an emptied chat is reported for deletion. Re-running it after success changes nothing.
 */
import { createHash } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import { chatSchema, messagePreview, paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { systemText } from '../chats/systemText.ts';
import { messagesAfterSummary } from '../messaging/chatSummary.ts';
import { DELETED_DISPLAY_NAME } from './profile.ts';

export const ACCOUNT_DELETED_EVENT = 'account_deleted';

/** A deterministic id, so a retried deletion never posts the notice twice. */
export function accountDeletedMessageId(uid: string): string {
  return `account-deleted-${createHash('sha256').update(uid).digest('hex').slice(0, 24)}`;
}

export async function leaveChatOnDeletion(chatId: string, uid: string): Promise<'left' | 'emptied' | 'not-member'> {
  const firestore = db();
  const chatRef = firestore.doc(paths.chat(chatId));
  const memberRef = firestore.doc(paths.member(chatId, uid));
  return firestore.runTransaction(async (tx) => {
    const chat = await tx.get(chatRef);
    const memberIds = (chat.get('memberIds') as string[] | undefined) ?? [];
    if (!chat.exists || !memberIds.includes(uid)) {
      tx.delete(memberRef);
      return 'not-member';
    }
    const remaining = memberIds.filter((id) => id !== uid);
    if (remaining.length === 0) return 'emptied';

    let adminIds = ((chat.get('adminIds') as string[] | undefined) ?? []).filter((id) => id !== uid);
    const successor = chat.get('type') === 'group' && adminIds.length === 0 ? (remaining[0] ?? null) : null;
    const successorRef = successor ? firestore.doc(paths.member(chatId, successor)) : null;
    const successorSnap = successorRef ? await tx.get(successorRef) : null;
    if (successor) adminIds = [successor];

    // Functions write system messages already sequenced (the message trigger clears unsequenced
    // ones as forged), so the notice takes the next seq, after any messages the summary has not
    // counted yet, and becomes the chat's last message.
    const parsedChat = chatSchema.safeParse(chat.data());
    const pending = parsedChat.success ? await messagesAfterSummary(chatId, parsedChat.data) : 0;
    const seq = ((chat.get('seq') as number | undefined) ?? 0) + pending + 1;
    const now = FieldValue.serverTimestamp();
    const text = systemText({ event: ACCOUNT_DELETED_EVENT, actorId: uid, targetIds: [uid] }, () => DELETED_DISPLAY_NAME);
    const messageId = accountDeletedMessageId(uid);
    tx.update(chatRef, {
      memberIds: remaining,
      adminIds,
      seq,
      lastMessage: { id: messageId, senderId: uid, type: 'system', preview: messagePreview({ type: 'system', text }), sentAt: now, seq },
      lastMessageAt: now,
    });
    tx.delete(memberRef);
    if (successorRef && successorSnap?.exists) tx.update(successorRef, { role: 'admin' });
    tx.set(firestore.doc(paths.message(chatId, messageId)), {
      senderId: uid,
      type: 'system',
      text,
      createdAt: now,
      seq,
      system: { event: ACCOUNT_DELETED_EVENT, actorId: uid, targetIds: [uid] },
    });
    return 'left';
  });
}
