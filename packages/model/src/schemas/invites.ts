/** Schema for `inviteLinks/{code}`: group invite links, server-only. */
import { z } from 'zod';
import { chatIdSchema, timestampSchema, uidSchema } from './common.ts';

/** Invite codes: 22 URL-safe characters (128 random bits); the callable schema accepts 8-64. */
export const INVITE_CODE_BYTES = 16;
export const inviteCodeSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

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
