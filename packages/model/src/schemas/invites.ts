/** Schema for `inviteLinks/{code}`: group invite links, server-only. */
import { z } from 'zod';
import { URL_SAFE, chatIdSchema, firestoreIdSchema, timestampSchema, uidSchema } from './common.ts';

/** Invite codes: 22 URL-safe characters (128 random bits); the callable schema accepts 8-64. */
export const INVITE_CODE_BYTES = 16;
export const inviteCodeSchema = firestoreIdSchema(64, URL_SAFE).min(8);

export const inviteLinkSchema = z.strictObject({
  chatId: chatIdSchema,
  createdBy: uidSchema,
  createdAt: timestampSchema,
  /** Set when an admin revokes the link; a revoked code never works again. */
  revokedAt: timestampSchema.nullable(),
});
export type InviteLink = z.infer<typeof inviteLinkSchema>;

/** The path of the web client's join page for a code (the callable prefixes WEB_APP_URL). */
export function invitePath(code: string): string {
  return `/join/${code}`;
}
