/**
 * Schemas for server-only background state: scheduled messages, push jobs, dead letters, daily
 * stats and the local push recorder. Clients never write any of these.
 */
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../limits.ts';
import { chatIdSchema, docIdSchema, timestampSchema, uidSchema } from './common.ts';
import { SCHEDULED_STATUSES } from './moderation.ts';

export const scheduledStatusSchema = z.enum(SCHEDULED_STATUSES);
export type ScheduledStatus = z.infer<typeof scheduledStatusSchema>;

/** `scheduledMessages/{id}`: the owner reads it; the message is posted as `messages/sched-{id}`. */
export const scheduledMessageSchema = z.strictObject({
  senderId: uidSchema,
  chatId: chatIdSchema,
  text: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
  sendAt: timestampSchema,
  status: scheduledStatusSchema,
  createdAt: timestampSchema,
  messageId: docIdSchema.optional(),
  sentAt: timestampSchema.optional(),
  cancelledAt: timestampSchema.optional(),
  failedAt: timestampSchema.optional(),
  /** Why a scheduled message was not posted, in words the owner can be shown. */
  failureReason: z.string().max(200).optional(),
});
export type ScheduledMessage = z.infer<typeof scheduledMessageSchema>;

/** The message id a scheduled message is posted under: deterministic, so posting twice is impossible. */
export function scheduledMessageId(scheduledId: string): string {
  return `sched-${scheduledId}`;
}

/** Push job state, `jobs/push-{key}`: a lease makes sure one worker sends at a time. */
export const PUSH_JOB_STATUSES = ['PENDING', 'PROCESSING', 'SUCCESS', 'SKIPPED', 'ERROR'] as const;
export type PushJobStatus = (typeof PUSH_JOB_STATUSES)[number];

export const DEAD_LETTER_STATUSES = ['open', 'replayed'] as const;
/** `deadLetters/{queue}-{key}`: one per logical task that exhausted its attempts. */
export const deadLetterSchema = z.strictObject({
  queue: z.string().min(1),
  key: z.string().min(1),
  taskId: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  error: z.strictObject({ name: z.string(), message: z.string() }),
  attempts: z.number().int().min(1),
  status: z.enum(DEAD_LETTER_STATUSES),
  failedAt: timestampSchema,
  replays: z.number().int().min(0),
  replayTaskId: z.string().nullable(),
  replayedAt: timestampSchema.nullable(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** A UTC calendar day, the id of `stats/{day}`. */
export const dayIdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** `stats/{YYYY-MM-DD}`: daily counts for the admin API, written once the day is over. */
export const dailyStatsSchema = z.strictObject({
  day: dayIdSchema,
  /** Messages created that day (system messages included). */
  messages: z.number().int().min(0),
  /** Distinct users who sent at least one non-system message that day. */
  activeUsers: z.number().int().min(0),
  /** Profiles created that day. */
  newUsers: z.number().int().min(0),
  /** Chats (direct and group) created that day. */
  newChats: z.number().int().min(0),
  computedAt: timestampSchema,
});
export type DailyStats = z.infer<typeof dailyStatsSchema>;

/**
 * `pushOutbox/{id}`: local runs only. FCM has no emulator, so the local push sender records each
 * request it would have sent here, with the outcome it simulated.
 */
export const pushOutboxEntrySchema = z.strictObject({
  /** From the request's data payload, so tests can find the pushes for one message. */
  chatId: chatIdSchema,
  messageId: docIdSchema,
  token: z.string(),
  request: z.record(z.string(), z.unknown()),
  /** `sent`, or the FCM error code the recorder simulated (e.g. `messaging/registration-token-not-registered`). */
  result: z.string(),
  batchSize: z.number().int().min(1).max(500),
  recordedAt: timestampSchema,
});
export type PushOutboxEntry = z.infer<typeof pushOutboxEntrySchema>;
