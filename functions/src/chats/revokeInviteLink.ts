/** `revokeInviteLink({chatId})`: every active link of the group stops working at once. */
import { Timestamp } from 'firebase-admin/firestore';
import { paths, type CallableInput } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { assertNotBanned } from './guards.ts';
import { activeInviteCodes, groupForAdmin } from './invites.ts';

export async function handleRevokeInviteLink(
  input: CallableInput<'revokeInviteLink'>,
  context: AuthedContext,
): Promise<Record<string, never>> {
  await assertNotBanned(context.uid);
  await groupForAdmin(input.chatId, context.uid);
  const codes = await activeInviteCodes(input.chatId);
  if (codes.length > 0) {
    const batch = db().batch();
    const revokedAt = Timestamp.now();
    for (const code of codes) batch.update(db().doc(paths.inviteLink(code)), { revokedAt });
    await batch.commit();
  }
  logs.inviteLinksRevoked({ chatId: input.chatId, actorId: context.uid, revoked: codes.length });
  return {};
}
