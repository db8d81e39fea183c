/**
 * `addMembers({chatId, uids})`: an admin adds people to a group (already-members are skipped, so a
 * retry is harmless). They must exist, must not have blocked the admin, and the group stays within
 * MAX_GROUP_MEMBERS.
 */
import { chatSchema, paths, type CallableInput } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNoneBanned, assertNotBanned, assertNotBlockedBy, assertUsersExist } from './guards.ts';
import { planAddMembers, refuseNonMember } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleAddMembers(
  input: CallableInput<'addMembers'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  const { uid } = context;
  const uids = [...new Set(input.uids)].filter((id) => id !== uid);
  await assertNotBanned(uid);
  // One cheap read refuses callers who may not add before up to two reads per named user.
  const preview = chatSchema.safeParse((await db().doc(paths.chat(input.chatId)).get()).data());
  if (!preview.success) refuseNonMember();
  const change = planAddMembers(preview.data, uid, uids);
  if (change.kind === 'change') {
    const newIds = change.newMembers.map((member) => member.uid);
    await assertUsersExist(newIds, 'uids');
    await assertNoneBanned(newIds, 'uids');
    await assertNotBlockedBy(newIds, uid);
  }
  await runChatChange(input.chatId, uid, (chat) => planAddMembers(chat, uid, uids), mirror);
  return {};
}
