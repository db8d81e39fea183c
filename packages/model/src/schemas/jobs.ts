/** Schemas for `jobs/{jobId}`: server-only state documents of background workers. */
import { z } from 'zod';
import { chatIdSchema, docIdSchema, timestampSchema } from './common.ts';
import { PUSH_JOB_STATUSES } from './background.ts';

const count = z.number().int().min(0);

/**
 * `jobs/push-<hash>`: the push worker's state for one chat and push window, created by the first
 * task run that takes its lease, and only when some device is to be pushed. Only the lease holder
 * sends; SUCCESS and SKIPPED are final. `doneKeys` holds a hash of every token FCM answered for
 * good (one checkpoint write per FCM batch of up to 500), so a retry sends only to the others. The
 * id is the task id, so every message of the window names the same job.
 */
export const pushJobSchema = z.strictObject({
  chatId: chatIdSchema,
  /** `floor(createdAt / PUSH_WINDOW_MS)` of the messages it pushes. */
  window: z.number().int().min(0),
  /** The newest message the window's notices name, and how many messages the window held. */
  messageId: docIdSchema,
  messages: count,
  status: z.enum(PUSH_JOB_STATUSES),
  leaseOwner: z.string().nullable(),
  leaseTaskId: z.string(),
  leaseAttempt: z.number().int().min(0),
  leaseExpiresAt: z.number(),
  attempts: count,
  doneKeys: z.array(z.string().regex(/^[0-9a-f]{20}$/)),
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
  /** Firestore reads the last run made to find recipients and devices. */
  reads: count.optional(),
});
export type PushJob = z.infer<typeof pushJobSchema>;
