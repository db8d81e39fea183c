/** `removeMember({chatId, uid})`: an admin removes someone from a group (no-op if already gone). */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNotBanned } from './guards.ts';
import { planRemoveMember } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleRemoveMember(
  input: CallableInput<'removeMember'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  await assertNotBanned(context.uid);
  await runChatChange(input.chatId, context.uid, (chat) => planRemoveMember(chat, context.uid, input.uid), mirror);
  return {};
}
