/** Invite-link storage shared by the three invite callables: codes, lookups and the admin check. */
import { randomBytes } from 'node:crypto';
import { COLLECTIONS, INVITE_CODE_BYTES, chatSchema, inviteLinkSchema, invitePath, paths, type Chat, type InviteLink } from '@natter/model';
import { db } from '../lib/admin.ts';
import { WEB_APP_URL } from '../lib/params.ts';
import { refuseNonMember, requireMember } from './plans.ts';
import { refuse } from '../lib/refusal.ts';

export function newInviteCode(): string {
  return randomBytes(INVITE_CODE_BYTES).toString('base64url');
}

export function inviteUrl(code: string): string {
  return `${WEB_APP_URL.value().replace(/\/+$/, '')}${invitePath(code)}`;
}

/**
 * The group, when the caller is one of its admins; invite links are an admin tool. Membership is
 * checked first, so a stranger learns nothing about the chat (see refuseNonMember).
 */
export async function groupForAdmin(chatId: string, uid: string): Promise<Chat> {
  const parsed = chatSchema.safeParse((await db().doc(paths.chat(chatId)).get()).data());
  if (!parsed.success) refuseNonMember();
  const chat = parsed.data;
  requireMember(chat, uid);
  if (chat.type !== 'group') refuse('failed-precondition', 'Direct chats have no invite links.');
  if (!chat.adminIds.includes(uid)) refuse('permission-denied', 'Only group admins can manage invite links.');
  return chat;
}

/** Codes of the chat's links that still work (normally at most one). */
export async function activeInviteCodes(chatId: string): Promise<string[]> {
  const snap = await db().collection(COLLECTIONS.inviteLinks).where('chatId', '==', chatId).where('revokedAt', '==', null).get();
  return snap.docs.map((doc) => doc.id);
}

/** A link that exists and was not revoked, or a `not-found` refusal. */
export async function usableInvite(code: string): Promise<InviteLink> {
  const parsed = inviteLinkSchema.safeParse((await db().doc(paths.inviteLink(code)).get()).data());
  if (!parsed.success || parsed.data.revokedAt !== null) refuse('not-found', 'This invite link is invalid or was revoked.');
  return parsed.data;
}
