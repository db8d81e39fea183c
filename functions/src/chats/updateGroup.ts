/**
 * `updateGroup({chatId, name?, description?, photoURL?, settings?})`: group info and settings.
 * Info follows `settings.onlyAdminsCanEditInfo`; settings are for admins. Each visible change
 * posts a system message; a call that changes nothing writes nothing.
 */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNotBanned } from './guards.ts';
import { planUpdateGroup } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleUpdateGroup(
  input: CallableInput<'updateGroup'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  const { chatId, ...changes } = input;
  await assertNotBanned(context.uid);
  await runChatChange(chatId, context.uid, (chat) => planUpdateGroup(chat, context.uid, changes), mirror);
  return {};
}
