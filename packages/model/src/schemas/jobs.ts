/** Schemas for `jobs/{jobId}`: server-only state documents of background workers. */
import { z } from 'zod';
import { chatIdSchema, docIdSchema, timestampSchema, uidSchema } from './common.ts';
import { PUSH_JOB_STATUSES } from './background.ts';

const count = z.number().int().min(0);

/**
 * `jobs/push-<hash>`: the push worker's state for one message, created by the first task run that
 * takes its lease (the message trigger only enqueues the task). Only the lease holder sends;
 * SUCCESS and SKIPPED are final. The id is the task id, so duplicate enqueues name the same job.
 */
export const pushJobSchema = z.strictObject({
  chatId: chatIdSchema,
  messageId: docIdSchema,
  status: z.enum(PUSH_JOB_STATUSES),
  leaseOwner: z.string().nullable(),
  leaseTaskId: z.string(),
  leaseAttempt: z.number().int().min(0),
  leaseExpiresAt: z.number(),
  attempts: count,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  expiresAt: timestampSchema,
  reason: z.string().optional(),
  recipients: count.optional(),
  devices: count.optional(),
  sent: count.optional(),
  invalidTokensRemoved: count.optional(),
  failed: count.optional(),
  transientFailures: count.optional(),
});
export type PushJob = z.infer<typeof pushJobSchema>;

/**
 * `jobs/push-<hash>/deliveries/{token hash}`: one per device token that got its push (or a final
 * error), so a retried task never pushes the same device twice. `uids` names the token's owners so
 * deleting a user finds their markers.
 */
export const pushDeliverySchema = z.strictObject({
  result: z.string(),
  devices: z.array(z.strictObject({ uid: uidSchema, deviceId: docIdSchema })).min(1),
  uids: z.array(uidSchema).min(1),
  at: timestampSchema,
  expiresAt: timestampSchema,
});
export type PushDelivery = z.infer<typeof pushDeliverySchema>;
