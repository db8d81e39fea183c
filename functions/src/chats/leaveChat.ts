/**
 * `leaveChat({chatId})`: the caller leaves a group. The last admin leaving makes the
 * longest-standing member an admin; the last member leaving deletes the group. A caller who is not
 * a member gets the same `not-found` as for a chat that does not exist.
 */
import type { CallableInput } from '@natter/model';
import type { AuthedContext } from '../lib/callable.ts';
import { membershipMirror, type MembershipMirror } from '../lib/rtdb.ts';
import { assertNotBanned } from './guards.ts';
import { planLeave } from './plans.ts';
import { Refusal } from '../lib/refusal.ts';
import { applyMirror, runChatChange } from './runChange.ts';

export async function handleLeaveChat(
  input: CallableInput<'leaveChat'>,
  context: AuthedContext,
  mirror: MembershipMirror = membershipMirror(),
): Promise<Record<string, never>> {
  await assertNotBanned(context.uid);
  try {
    await runChatChange(input.chatId, context.uid, (chat) => planLeave(chat, context.uid), mirror);
  } catch (error) {
    // A retried leave finds the caller gone and answers as to any non-member; the mirror removal
    // is re-applied first (harmless when they never were in), so a failed mirror write still heals.
    if (error instanceof Refusal && error.code === 'not-found') await applyMirror(mirror, input.chatId, { add: [], remove: [context.uid] });
    throw error;
  }
  return {};
}
