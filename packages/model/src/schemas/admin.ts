/** Server-written moderation documents: the audit log and the fields functions add to reports. */
import { z } from 'zod';
import { MAX_REPORT_REASON_LENGTH } from '../limits.ts';
import { timestampSchema, uidSchema } from './common.ts';
import { REPORT_STATUSES, staffRoleSchema } from './moderation.ts';

/** What the audit log records; one name per kind of staff action. */
export const AUDIT_ACTIONS = [
  'user.ban',
  'user.unban',
  'user.delete',
  'user.export',
  'user.setRole',
  'chat.delete',
  'report.resolve',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const AUDIT_CHANNELS = ['api', 'callable', 'cli', 'schedule'] as const;
export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export const AUDIT_TARGET_TYPES = ['user', 'chat', 'report'] as const;

/**
 * `auditLog/{id}`: one document per staff call, successful or not. Fields are flat so the log can
 * be filtered by actor, action, target and time with equality filters plus one range on `at`.
 */
export const auditEntrySchema = z.strictObject({
  actorUid: uidSchema.nullable(),
  actorRole: staffRoleSchema.nullable(),
  via: z.enum(AUDIT_CHANNELS),
  action: auditActionSchema,
  targetType: z.enum(AUDIT_TARGET_TYPES),
  targetId: z.string().max(260),
  at: timestampSchema,
  outcome: z.enum(AUDIT_OUTCOMES),
  /** The HTTP status the call ended with (callables map their error code to one). */
  status: z.number().int(),
  /** The problem title for failures, null on success. */
  error: z.string().nullable(),
  requestId: z.string().max(128),
  /** Small, non-secret facts about the call (e.g. the ban reason, the new role). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** A message as the evidence snapshot keeps it: what the reporter saw, frozen. */
export const evidenceMessageSchema = z.strictObject({
  id: z.string(),
  senderId: z.string(),
  type: z.string(),
  text: z.string(),
  media: z.record(z.string(), z.unknown()).nullable(),
  createdAt: timestampSchema.nullable(),
  editedAt: timestampSchema.nullable(),
  deletedForEveryone: z.boolean(),
  seq: z.number().int().nullable(),
});
export type EvidenceMessage = z.infer<typeof evidenceMessageSchema>;

/** The number of earlier messages kept as context around a reported message. */
export const EVIDENCE_CONTEXT_MESSAGES = 5;

/** `reports/{id}.evidence`, written once by the `onReportCreated` trigger. */
export const evidenceSchema = z.strictObject({
  capturedAt: timestampSchema,
  /** False when the target could not be captured (missing, or the reporter could not see it). */
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  reportedUid: uidSchema.nullable(),
  message: evidenceMessageSchema.nullable(),
  /** Up to EVIDENCE_CONTEXT_MESSAGES messages before the reported one, oldest first. */
  context: z.array(evidenceMessageSchema),
  chat: z.strictObject({ type: z.string(), name: z.string().nullable(), memberCount: z.number().int() }).nullable(),
  profile: z
    .strictObject({ uid: z.string(), displayName: z.string(), photoURL: z.string().nullable(), about: z.string() })
    .nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** How staff closed a report. */
export const REPORT_ACTIONS = ['dismiss', 'deleteMessage', 'banUser'] as const;
export const reportResolutionSchema = z.strictObject({
  action: z.enum(REPORT_ACTIONS),
  by: uidSchema,
  at: timestampSchema,
  note: z.string().max(MAX_REPORT_REASON_LENGTH).nullable(),
});
export type ReportResolution = z.infer<typeof reportResolutionSchema>;
