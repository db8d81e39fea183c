/** The scheduled-message task queue: payload, deterministic ids, retries, and dead-letter hooks. */
import { z } from 'zod';
import { docIdSchema, paths } from '@natter/model';
import { FieldValue } from 'firebase-admin/firestore';
import { db } from '../lib/admin.ts';
import type { QueueDefinition } from '../lib/taskWorker.ts';

/** `generation` counts re-enqueues of a task that ran before its time (the emulator ignores schedules). */
export const scheduledTaskSchema = z.strictObject({ scheduledId: docIdSchema, generation: z.number().int().min(0).max(100_000) });
export type ScheduledTask = z.infer<typeof scheduledTaskSchema>;

export function scheduledTaskId({ scheduledId, generation }: ScheduledTask): string {
  return `sched-${scheduledId}-g${generation}`;
}

/** Shown to the owner when retries ran out; a replay of the dead letter puts the message back to pending. */
export const DELIVERY_FAILED_REASON = 'The message could not be posted; the team has been alerted.';

export const scheduledQueue: QueueDefinition<ScheduledTask> = {
  name: 'postScheduledMessage',
  schema: scheduledTaskSchema,
  key: ({ scheduledId }) => `sched-${scheduledId}`,
  // Backoff 1, 2, 4, 8 s; a task that is early on its last attempt re-enqueues itself instead.
  retryConfig: { maxAttempts: 5, minBackoffSeconds: 1, maxBackoffSeconds: 30, maxDoublings: 3 },
  rateLimits: { maxConcurrentDispatches: 20, maxDispatchesPerSecond: 50 },
  timeoutSeconds: 60,
  async onDeadLetter({ scheduledId }) {
    const ref = db().doc(paths.scheduledMessage(scheduledId));
    await db().runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.get('status') !== 'pending') return;
      tx.update(ref, { status: 'failed', failureReason: DELIVERY_FAILED_REASON, failedAt: FieldValue.serverTimestamp() });
    });
  },
  async beforeReplay({ scheduledId }) {
    const ref = db().doc(paths.scheduledMessage(scheduledId));
    await db().runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.get('status') !== 'failed' || snap.get('failureReason') !== DELIVERY_FAILED_REASON) return;
      tx.update(ref, { status: 'pending', failureReason: FieldValue.delete(), failedAt: FieldValue.delete() });
    });
  },
};
