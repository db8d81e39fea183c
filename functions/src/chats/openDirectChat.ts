/**
 * `openDirectChat({otherUid})`: the one-to-one chat between the caller and another user, created
 * on first use. Idempotent: the id is the two uids sorted and joined, so every call names the same
 * chat. Refused while either side has blocked the other.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { DEFAULT_CHAT_SETTINGS, chatSchema, directChatId, paths, type CallableInput, type Chat } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { memberDoc, missingMemberWrites, writeDeferredMembers } from './apply.ts';
import { assertNotBanned, assertUsersExist, blocksBetween } from './guards.ts';
import { refuse } from '../lib/refusal.ts';
import { applyMirror } from './runChange.ts';

export async function handleOpenDirectChat(
  input: CallableInput<'openDirectChat'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<{ chatId: string }> {
  const started = Date.now();
  const { uid } = context;
  const other = input.otherUid;
  if (other === uid) refuse('invalid-argument', "Field 'otherUid': must be another user, not yourself.");
  await assertNotBanned(uid);
  await assertUsersExist([other], 'otherUid');
  const [callerBlocked, otherBlocked] = await blocksBetween(uid, other);
  if (callerBlocked) refuse('failed-precondition', 'You blocked this user: unblock them to chat.');
  if (otherBlocked) refuse('permission-denied', 'You cannot start a chat with this user.');

  const chatId = directChatId(uid, other);
  const chatRef = db().doc(paths.chat(chatId));
  const existing = await db().runTransaction(async (tx) => {
    const snap = await tx.get(chatRef);
    if (snap.exists) {
      const parsed = chatSchema.safeParse(snap.data());
      if (!parsed.success || parsed.data.type !== 'direct' || !parsed.data.memberIds.includes(uid)) {
        refuse('failed-precondition', 'That chat exists but is not a direct chat between you two.');
      }
      return parsed.data;
    }
    const chat: Chat = {
      type: 'direct',
      memberIds: [uid, other].sort(),
      adminIds: [],
      name: null,
      description: '',
      photoURL: null,
      createdBy: uid,
      createdAt: Timestamp.now(),
      lastMessage: null,
      lastMessageAt: null,
      seq: 0,
      settings: DEFAULT_CHAT_SETTINGS,
    };
    const w = new CountedWrites(tx);
    w.create(chatRef, chat);
    w.set(db().doc(paths.member(chatId, uid)), memberDoc({ uid, role: 'member', addedBy: null }, 0));
    w.set(db().doc(paths.member(chatId, other)), memberDoc({ uid: other, role: 'member', addedBy: uid }, 0));
    return null;
  });
  // An existing chat whose member documents went missing gets them back (a repair, normally none).
  if (existing) await writeDeferredMembers(await missingMemberWrites(chatId, existing, [uid, other]));
  await applyMirror(mirror, chatId, { add: [uid, other], remove: [] });
  logs.directChatOpened({ chatId, uid, created: existing === null, durationMs: Date.now() - started });
  return { chatId };
}
