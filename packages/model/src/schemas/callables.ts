/** Input schemas for every callable function: strict, so unknown keys are rejected. */
import { z } from 'zod';
import { EMAIL_CODE_DIGITS, MAX_GROUP_MEMBERS, MAX_REPORT_REASON_LENGTH, MAX_TEXT_LENGTH } from '../limits.ts';
import { chatIdSchema, docIdSchema, emailSchema, httpsUrlSchema, isoDateTimeSchema, uidSchema } from './common.ts';
import { inviteCodeSchema } from './invites.ts';
import { chatSettingsSchema, groupDescriptionSchema, groupNameSchema, roleSchema } from './chats.ts';
import { staffRoleSchema } from './moderation.ts';

const uidListSchema = z.array(uidSchema).max(MAX_GROUP_MEMBERS - 1);

export const callableSchemas = {
  openDirectChat: z.strictObject({ otherUid: uidSchema }),
  createGroup: z.strictObject({
    name: groupNameSchema,
    memberIds: uidListSchema,
    description: groupDescriptionSchema.optional(),
    photoURL: httpsUrlSchema.optional(),
  }),
  updateGroup: z.strictObject({
    chatId: chatIdSchema,
    name: groupNameSchema.optional(),
    description: groupDescriptionSchema.optional(),
    photoURL: httpsUrlSchema.nullable().optional(),
    settings: chatSettingsSchema.partial().optional(),
  }),
  addMembers: z.strictObject({ chatId: chatIdSchema, uids: uidListSchema.min(1) }),
  removeMember: z.strictObject({ chatId: chatIdSchema, uid: uidSchema }),
  leaveChat: z.strictObject({ chatId: chatIdSchema }),
  setMemberRole: z.strictObject({ chatId: chatIdSchema, uid: uidSchema, role: roleSchema }),
  createInviteLink: z.strictObject({ chatId: chatIdSchema }),
  revokeInviteLink: z.strictObject({ chatId: chatIdSchema }),
  joinByInvite: z.strictObject({ code: inviteCodeSchema }),
  scheduleMessage: z.strictObject({
    chatId: chatIdSchema,
    text: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
    sendAt: isoDateTimeSchema,
  }),
  cancelScheduledMessage: z.strictObject({ id: docIdSchema }),
  requestEmailCode: z.strictObject({ email: emailSchema }),
  verifyEmailCode: z.strictObject({
    email: emailSchema,
    code: z.string().regex(new RegExp(`^\\d{${EMAIL_CODE_DIGITS}}$`), `must be ${EMAIL_CODE_DIGITS} digits`),
  }),
  sendSignInLink: z.strictObject({ email: emailSchema, continueUrl: httpsUrlSchema }),
  sendPasswordReset: z.strictObject({ email: emailSchema }),
  /** Mails the signed-in caller a verification link for their own address (password sign-up). */
  sendVerificationEmail: z.strictObject({}),
  setUserRole: z.strictObject({ uid: uidSchema, role: z.union([staffRoleSchema, z.literal('user')]) }),
  banUser: z.strictObject({
    uid: uidSchema,
    reason: z.string().trim().min(1).max(MAX_REPORT_REASON_LENGTH),
    until: isoDateTimeSchema.optional(),
  }),
  unbanUser: z.strictObject({ uid: uidSchema }),
} as const;

export type CallableName = keyof typeof callableSchemas;
export type CallableInput<N extends CallableName> = z.infer<(typeof callableSchemas)[N]>;
