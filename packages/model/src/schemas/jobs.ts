/** Schemas for `jobs/{jobId}`: server-only work records handed from triggers to workers. */
import { z } from 'zod';
import { MAX_MENTIONS } from '../limits.ts';
import { chatIdSchema, docIdSchema, timestampSchema, uidSchema } from './common.ts';

export const JOB_STATUSES = ['pending', 'processing', 'done', 'failed'] as const;

/**
 * One push-notification job per sequenced message, written by `onMessageCreated` in the same
 * transaction that assigns the message its `seq` (so exactly one exists per message). Its id is
 * derived from the chat and message ids, so it doubles as a Cloud Tasks task name later.
 */
export const notificationJobSchema = z.strictObject({
  kind: z.literal('notifyMessage'),
  chatId: chatIdSchema,
  messageId: docIdSchema,
  senderId: uidSchema,
  seq: z.number().int().min(1),
  /** Members mentioned in the message (already filtered to current members, sender excluded). */
  mentions: z.array(uidSchema).max(MAX_MENTIONS),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int().min(0),
  createdAt: timestampSchema,
});
export type NotificationJob = z.infer<typeof notificationJobSchema>;
