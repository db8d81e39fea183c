/** Schemas for `reports/{reportId}`, `bans/{uid}` and staff roles. */
import { z } from 'zod';
import { MAX_REPORT_REASON_LENGTH } from '../limits.ts';
import { chatIdSchema, docIdSchema, timestampSchema, uidSchema } from './common.ts';

export const reportTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), chatId: chatIdSchema, messageId: docIdSchema }),
  z.strictObject({ type: z.literal('user'), uid: uidSchema }),
]);
export type ReportTarget = z.infer<typeof reportTargetSchema>;

export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;

/**
 * What a reporter writes: `status` starts `open` (so the moderation queue, `status` + `createdAt`,
 * lists it at once), `createdAt` is the request time; evidence and later statuses are server-owned.
 */
export const newReportSchema = z.strictObject({
  reporterId: uidSchema,
  target: reportTargetSchema,
  reason: z.string().trim().min(1).max(MAX_REPORT_REASON_LENGTH),
  status: z.literal('open').default('open'),
});
export type NewReport = z.infer<typeof newReportSchema>;
/** The keys a report holds when created; nothing else may be written by a client, ever. */
export const REPORT_CLIENT_FIELDS = ['reporterId', 'target', 'reason', 'status', 'createdAt'] as const;

/** `reports/{reportId}` as staff read it. */
export const reportSchema = z.strictObject({
  reporterId: uidSchema,
  target: reportTargetSchema,
  reason: z.string().max(MAX_REPORT_REASON_LENGTH),
  status: z.enum(REPORT_STATUSES),
  createdAt: timestampSchema,
  /** Server-collected copy of what was reported (message content, profile) at report time. */
  evidence: z.record(z.string(), z.unknown()).optional(),
  resolvedBy: uidSchema.optional(),
  resolvedAt: timestampSchema.optional(),
});
export type Report = z.infer<typeof reportSchema>;

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
