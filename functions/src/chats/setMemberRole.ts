/** `setMemberRole({chatId, uid, role})`: an admin promotes or demotes a member; a group keeps one admin. */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNotBanned } from './guards.ts';
import { planSetRole } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleSetMemberRole(
  input: CallableInput<'setMemberRole'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  await assertNotBanned(context.uid);
  await runChatChange(input.chatId, context.uid, (chat) => planSetRole(chat, context.uid, input.uid, input.role), mirror);
  return {};
}
