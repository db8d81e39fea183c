/** Schema for `scheduledMessages/{id}`: written by the scheduling callables and the dispatcher only. */
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../limits.ts';
import { chatIdSchema, timestampSchema, uidSchema } from './common.ts';
import { SCHEDULED_STATUSES } from './moderation.ts';

/** The owner (`senderId`) reads their own with `where('senderId', '==', uid)` and a limit. */
export const scheduledMessageSchema = z.strictObject({
  senderId: uidSchema,
  chatId: chatIdSchema,
  text: z.string().min(1).max(MAX_TEXT_LENGTH),
  sendAt: timestampSchema,
  status: z.enum(SCHEDULED_STATUSES),
  createdAt: timestampSchema,
  /** The message id the dispatcher used, once sent (makes dispatch idempotent). */
  messageId: z.string().optional(),
  error: z.string().optional(),
});
export type ScheduledMessage = z.infer<typeof scheduledMessageSchema>;
