/**
 * Requests and responses of the admin REST API (the `api` function, under `/v1`). The API
 * validates with these schemas and generates its OpenAPI document from them, so the two cannot
 * drift. Query values arrive as strings: numbers are parsed from digit strings, never coerced.
 */
import { z } from 'zod';
import { MAX_DISPLAY_NAME_LENGTH, MAX_REPORT_REASON_LENGTH } from '../limits.ts';
import { chatIdSchema, docIdSchema, emailSchema, isoDateTimeSchema, uidSchema } from './common.ts';
import { callableSchemas } from './callables.ts';
import { staffRoleSchema } from './moderation.ts';
import { AUDIT_CHANNELS, AUDIT_OUTCOMES, AUDIT_TARGET_TYPES, auditActionSchema, reportStatusSchema } from './admin.ts';

export const ADMIN_API_LIMITS = {
  defaultPageSize: 25,
  maxPageSize: 100,
  defaultExportPageSize: 200,
  maxExportPageSize: 500,
  maxStatsDays: 92,
  defaultStatsDays: 30,
  /** Largest JSON body the API accepts; bigger bodies get 413. */
  maxBodyBytes: 64 * 1024,
  maxCursorLength: 1024,
  maxNoteLength: MAX_REPORT_REASON_LENGTH,
} as const;

/** A page size given as a query string: digits only, then bounded. */
export function pageLimitSchema(max: number) {
  return z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .meta({ description: `Page size, 1-${max}.` });
}

/** An opaque cursor from a previous page's `nextCursor`. */
export const cursorSchema = z
  .string()
  .min(1)
  .max(ADMIN_API_LIMITS.maxCursorLength)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor value from a previous page')
  .meta({ description: 'The `nextCursor` of the previous page.' });

const isoDateTime = isoDateTimeSchema;
const noteSchema = z.string().trim().max(ADMIN_API_LIMITS.maxNoteLength);
const jsonObject = z.record(z.string(), z.unknown());
const nullableIso = isoDateTime.nullable();

/** Routes that take nothing in the query string or body still reject whatever is sent. */
export const emptySchema = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Errors: RFC 9457 problem details, the one error shape of the API.

export const fieldErrorSchema = z.strictObject({ field: z.string(), message: z.string() });
export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string(),
    /** One entry per offending field (`query.limit`, `body.reason`, `params.uid`); empty otherwise. */
    errors: z.array(fieldErrorSchema),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });
export type Problem = z.infer<typeof problemSchema>;

// ---------------------------------------------------------------------------------------------
// Users

export const userParamsSchema = z.strictObject({ uid: uidSchema });

export const listUsersQuerySchema = z
  .strictObject({
    email: emailSchema.optional().meta({ description: 'Exact email address.' }),
    uid: uidSchema.optional().meta({ description: 'Exact uid.' }),
    name: z.string().trim().min(1).max(MAX_DISPLAY_NAME_LENGTH).optional().meta({ description: 'Display-name prefix, case-insensitive.' }),
    limit: pageLimitSchema(ADMIN_API_LIMITS.maxPageSize).optional(),
    cursor: cursorSchema.optional(),
  })
  .superRefine((query, ctx) => {
    const given = (['email', 'uid', 'name'] as const).filter((key) => query[key] !== undefined);
    for (const key of given.slice(1)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `search by one of email, uid or name, not ${given.join(' and ')}` });
    }
  });
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const banViewSchema = z
  .strictObject({
    reason: z.string(),
    bannedBy: z.string(),
    createdAt: nullableIso,
    until: nullableIso,
    /** False once `until` has passed. */
    active: z.boolean(),
  })
  .meta({ id: 'Ban' });
export type BanView = z.infer<typeof banViewSchema>;

export const userSummarySchema = z
  .strictObject({
    uid: z.string(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    role: staffRoleSchema.nullable(),
    /** Null when the user has a profile but no Auth account. */
    disabled: z.boolean().nullable(),
    banned: z.boolean(),
    hasProfile: z.boolean(),
    createdAt: nullableIso,
  })
  .meta({ id: 'UserSummary' });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListSchema = z.strictObject({ users: z.array(userSummarySchema), nextCursor: cursorSchema.nullable() });
export type UserList = z.infer<typeof userListSchema>;

export const authViewSchema = z.strictObject({
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  disabled: z.boolean(),
  role: staffRoleSchema.nullable(),
  createdAt: nullableIso,
  lastSignInAt: nullableIso,
  tokensValidAfter: nullableIso,
});
export type AuthView = z.infer<typeof authViewSchema>;

export const userDetailSchema = z
  .strictObject({
    uid: z.string(),
    profile: jsonObject.nullable(),
    account: jsonObject.nullable(),
    auth: authViewSchema.nullable(),
    counts: z.strictObject({ chats: z.number().int(), devices: z.number().int() }),
    ban: banViewSchema.nullable(),
  })
  .meta({ id: 'UserDetail' });
export type UserDetail = z.infer<typeof userDetailSchema>;

/** The ban body is the `banUser` callable's input without the uid, which the path names. */
export const banBodySchema = callableSchemas.banUser.omit({ uid: true });
export type BanBody = z.infer<typeof banBodySchema>;
export const banResultSchema = z.strictObject({ uid: z.string(), banned: z.literal(true), until: nullableIso });
export type BanResult = z.infer<typeof banResultSchema>;
export const unbanResultSchema = z.strictObject({ uid: z.string(), banned: z.literal(false), wasBanned: z.boolean() });
export type UnbanResult = z.infer<typeof unbanResultSchema>;
export const deleteUserResultSchema = z.strictObject({ uid: z.string(), deleted: z.literal(true) });

export const exportQuerySchema = z.strictObject({
  limit: pageLimitSchema(ADMIN_API_LIMITS.maxExportPageSize).optional(),
  cursor: cursorSchema.optional(),
});

export const exportedMessageSchema = z.strictObject({
  chatId: z.string(),
  messageId: z.string(),
  type: z.string(),
  text: z.string(),
  media: jsonObject.nullable(),
  createdAt: nullableIso,
  editedAt: nullableIso,
  deletedForEveryone: z.boolean(),
});
export type ExportedMessage = z.infer<typeof exportedMessageSchema>;

/**
 * A data-subject export. The first page (no cursor) carries every section; later pages carry only
 * the next messages. Sections read at most a bounded number of documents and list themselves in
 * `truncated` when there was more.
 */
export const userExportSchema = z
  .strictObject({
    uid: z.string(),
    exportedAt: isoDateTime,
    profile: jsonObject.nullable().optional(),
    account: jsonObject.nullable().optional(),
    auth: authViewSchema.nullable().optional(),
    ban: banViewSchema.nullable().optional(),
    devices: z.array(jsonObject).optional(),
    blocked: z.array(jsonObject).optional(),
    readStates: z.array(jsonObject).optional(),
    memberships: z.array(jsonObject).optional(),
    reportsFiled: z.array(jsonObject).optional(),
    scheduledMessages: z.array(jsonObject).optional(),
    messages: z.array(exportedMessageSchema),
    nextCursor: cursorSchema.nullable(),
    truncated: z.array(z.string()),
  })
  .meta({ id: 'UserExport' });
export type UserExport = z.infer<typeof userExportSchema>;

// ---------------------------------------------------------------------------------------------
// Chats

export const chatParamsSchema = z.strictObject({ chatId: chatIdSchema });
export const chatQuerySchema = z.strictObject({
  limit: pageLimitSchema(ADMIN_API_LIMITS.maxPageSize).optional(),
  cursor: cursorSchema.optional(),
});

export const chatDetailSchema = z
  .strictObject({
    chatId: z.string(),
    chat: jsonObject,
    /** The first page of members (up to the page size); `counts.members` has the total. */
    members: z.array(jsonObject),
    counts: z.strictObject({ members: z.number().int(), messages: z.number().int(), reports: z.number().int() }),
    /** Message content is shown only for chats that a report names. */
    messagesVisible: z.boolean(),
    messages: z.array(jsonObject).nullable(),
    nextCursor: cursorSchema.nullable(),
  })
  .meta({ id: 'ChatDetail' });
export type ChatDetail = z.infer<typeof chatDetailSchema>;

export const deleteChatResultSchema = z.strictObject({
  chatId: z.string(),
  deleted: z.literal(true),
  messagesDeleted: z.number().int(),
  membersDeleted: z.number().int(),
  mediaDeleted: z.number().int(),
});
export type DeleteChatResult = z.infer<typeof deleteChatResultSchema>;

// ---------------------------------------------------------------------------------------------
// Reports

export const reportParamsSchema = z.strictObject({ reportId: docIdSchema });
export const listReportsQuerySchema = z.strictObject({
  status: reportStatusSchema.optional().meta({ description: 'Defaults to open.' }),
  limit: pageLimitSchema(ADMIN_API_LIMITS.maxPageSize).optional(),
  cursor: cursorSchema.optional(),
});

export const reportViewSchema = z
  .strictObject({
    id: z.string(),
    reporterId: z.string().nullable(),
    target: jsonObject.nullable(),
    reason: z.string().nullable(),
    status: z.string(),
    createdAt: nullableIso,
    evidence: jsonObject.nullable(),
    resolution: jsonObject.nullable(),
  })
  .meta({ id: 'Report' });
export type ReportView = z.infer<typeof reportViewSchema>;
export const reportListSchema = z.strictObject({ reports: z.array(reportViewSchema), nextCursor: cursorSchema.nullable() });

export const resolveReportBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('dismiss'), note: noteSchema.optional() }),
  z.strictObject({ action: z.literal('deleteMessage'), note: noteSchema.optional() }),
  z.strictObject({
    action: z.literal('banUser'),
    reason: banBodySchema.shape.reason,
    until: banBodySchema.shape.until,
    note: noteSchema.optional(),
  }),
]);
export type ResolveReportBody = z.infer<typeof resolveReportBodySchema>;

// ---------------------------------------------------------------------------------------------
// Stats and audit

export const statsQuerySchema = z
  .strictObject({
    from: z.iso.date().optional().meta({ description: `First day (UTC), YYYY-MM-DD; defaults to ${ADMIN_API_LIMITS.defaultStatsDays} days before \`to\`.` }),
    to: z.iso.date().optional().meta({ description: 'Last day (UTC), YYYY-MM-DD; defaults to today.' }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  });
export const statsSchema = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.array(z.strictObject({ date: z.iso.date(), values: jsonObject })),
  })
  .meta({ id: 'Stats' });

export const auditQuerySchema = z
  .strictObject({
    actor: uidSchema.optional().meta({ description: 'The uid of the staff member who acted.' }),
    action: auditActionSchema.optional(),
    target: z.string().min(1).max(260).optional().meta({ description: 'The id of the user, chat or report acted on.' }),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    limit: pageLimitSchema(ADMIN_API_LIMITS.maxPageSize).optional(),
    cursor: cursorSchema.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    }
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntryViewSchema = z
  .strictObject({
    id: z.string(),
    actorUid: z.string().nullable(),
    actorRole: z.string().nullable(),
    via: z.enum(AUDIT_CHANNELS),
    action: auditActionSchema,
    targetType: z.enum(AUDIT_TARGET_TYPES),
    targetId: z.string(),
    at: nullableIso,
    outcome: z.enum(AUDIT_OUTCOMES),
    status: z.number().int(),
    error: z.string().nullable(),
    requestId: z.string(),
    details: jsonObject,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;
export const auditListSchema = z.strictObject({ entries: z.array(auditEntryViewSchema), nextCursor: cursorSchema.nullable() });
