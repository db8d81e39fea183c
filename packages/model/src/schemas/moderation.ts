/** Schemas for `reports/{reportId}`, `bans/{uid}` and staff roles. */
import { z } from 'zod';
import { MAX_REPORT_REASON_LENGTH } from '../limits.ts';
import { chatIdSchema, docIdSchema, timestampSchema, uidSchema } from './common.ts';

export const reportTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), chatId: chatIdSchema, messageId: docIdSchema }),
  z.strictObject({ type: z.literal('user'), uid: uidSchema }),
]);
export type ReportTarget = z.infer<typeof reportTargetSchema>;

/** What a reporter writes; `createdAt` is the request time, evidence and status are server-owned. */
export const newReportSchema = z.strictObject({
  reporterId: uidSchema,
  target: reportTargetSchema,
  reason: z.string().trim().min(1).max(MAX_REPORT_REASON_LENGTH),
});
export type NewReport = z.infer<typeof newReportSchema>;

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;

/** Staff custom-claim roles; `user` clears the claim. */
export const STAFF_ROLES = ['admin', 'moderator'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** `bans/{uid}`: its existence blocks every client write at once, whatever the token says. */
export const banSchema = z.strictObject({
  reason: z.string().max(MAX_REPORT_REASON_LENGTH),
  bannedBy: uidSchema,
  createdAt: timestampSchema,
  until: timestampSchema.nullable(),
});
export type Ban = z.infer<typeof banSchema>;

export const SCHEDULED_STATUSES = ['pending', 'sent', 'cancelled', 'failed'] as const;
