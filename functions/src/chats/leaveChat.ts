/**
 * `leaveChat({chatId})`: the caller leaves a group. The last admin leaving makes the
 * longest-standing member an admin; the last member leaving deletes the group.
 */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { refusalsAsHttps } from './errors.ts';
import { assertNotBanned } from './guards.ts';
import { planLeave } from './plans.ts';
import { runChatChange } from './runChange.ts';

export async function handleLeaveChat(
  input: CallableInput<'leaveChat'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  return refusalsAsHttps(async () => {
    await assertNotBanned(context.uid);
    await runChatChange(input.chatId, context.uid, (chat) => planLeave(chat, context.uid), mirror);
    return {};
  });
}
