/**
 * `createGroup({name, memberIds, description?, photoURL?})`: a new group with the caller as its
 * admin. Every member must exist and none may have blocked the caller; at most MAX_GROUP_MEMBERS.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, type CallableInput } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { writeChange, writeDeferredMembers } from './apply.ts';
import { assertNoneBanned, assertNotBanned, assertNotBlockedBy, assertUsersExist } from './guards.ts';
import { planCreateGroup } from './plans.ts';
import { applyMirror } from './runChange.ts';

export async function handleCreateGroup(
  input: CallableInput<'createGroup'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<{ chatId: string }> {
  const started = Date.now();
  const { uid } = context;
  // Planning first: an oversize group is refused before any read.
  const { chat, change } = planCreateGroup(uid, input, Timestamp.now());
  if (change.kind !== 'change') throw new Error('planCreateGroup always plans a change');
  const others = change.newMembers.map((member) => member.uid).filter((id) => id !== uid);
  await assertNotBanned(uid);
  await assertUsersExist(others, 'memberIds');
  await assertNoneBanned(others, 'memberIds');
  await assertNotBlockedBy(others, uid);

  const chatRef = db().collection(COLLECTIONS.chats).doc();
  const { seq, deferredMembers } = await db().runTransaction((tx) =>
    writeChange(new CountedWrites(tx), { chatId: chatRef.id, chat, actorId: uid, change, create: true }),
  );
  await writeDeferredMembers(deferredMembers);
  await applyMirror(mirror, chatRef.id, { add: change.newMembers.map((member) => member.uid), remove: [] });
  logs.chatChanged({ action: 'create', chatId: chatRef.id, actorId: uid, targetCount: others.length, seq, durationMs: Date.now() - started });
  return { chatId: chatRef.id };
}
