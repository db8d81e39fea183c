/**
 * `createInviteLink({chatId})`: the group's invite link for an admin to share. While a link is
 * active the same one is returned (call revokeInviteLink to reset it), so retries make no new codes.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths, type CallableInput, type InviteLink } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { assertNotBanned } from './guards.ts';
import { activeInviteCodes, groupForAdmin, inviteUrl, newInviteCode } from './invites.ts';

export async function handleCreateInviteLink(
  input: CallableInput<'createInviteLink'>,
  context: AuthedContext,
): Promise<{ code: string; url: string }> {
  await assertNotBanned(context.uid);
  await groupForAdmin(input.chatId, context.uid);
  const [existing] = await activeInviteCodes(input.chatId);
  if (existing) {
    logs.inviteLinkCreated({ chatId: input.chatId, actorId: context.uid, reused: true });
    return { code: existing, url: inviteUrl(existing) };
  }
  const code = newInviteCode();
  const link: InviteLink = { chatId: input.chatId, createdBy: context.uid, createdAt: Timestamp.now(), revokedAt: null };
  await db().doc(paths.inviteLink(code)).create(link);
  logs.inviteLinkCreated({ chatId: input.chatId, actorId: context.uid, reused: false });
  return { code, url: inviteUrl(code) };
}
