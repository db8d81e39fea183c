/**
 * `joinByInvite({code})`: the caller joins the group behind a working invite link (a member
 * already gets the chat id back). The group stays within MAX_GROUP_MEMBERS. Someone an admin
 * removed stays out until an admin adds them back, whatever links they still hold.
 */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNotBanned } from './guards.ts';
import { usableInvite } from './invites.ts';
import { planJoin } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleJoinByInvite(
  input: CallableInput<'joinByInvite'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<{ chatId: string }> {
  await assertNotBanned(context.uid);
  const link = await usableInvite(input.code);
  await runChatChange(link.chatId, context.uid, (chat, barred) => planJoin(chat, context.uid, link.createdBy, barred.has(context.uid)), mirror, [context.uid]);
  return { chatId: link.chatId };
}
