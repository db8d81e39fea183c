/** The push-notification task queue: payload, deterministic key, retries and rate limits. */
import { z } from 'zod';
import { chatIdSchema, docIdSchema } from '@natter/model';
import { stableKey } from '../lib/runtime.ts';
import type { QueueDefinition } from '../lib/taskWorker.ts';

export const pushTaskSchema = z.strictObject({ chatId: chatIdSchema, messageId: docIdSchema });
export type PushTask = z.infer<typeof pushTaskSchema>;

/** `push-<hash>`: the first task's id, the job document's id (`jobs/push-<hash>`) and the dead letter's key. */
export function pushJobId({ chatId, messageId }: PushTask): string {
  return `push-${stableKey(chatId, messageId)}`;
}

export const pushQueue: QueueDefinition<PushTask> = {
  name: 'sendMessageNotifications',
  schema: pushTaskSchema,
  key: pushJobId,
  // Backoff 1, 2, 4, 8 s: a push that cannot go out within ~15 s of retries is dead-lettered.
  retryConfig: { maxAttempts: 5, minBackoffSeconds: 1, maxBackoffSeconds: 60, maxDoublings: 4 },
  // FCM allows far more; this keeps Firestore reads per second for fan-out reads bounded.
  rateLimits: { maxConcurrentDispatches: 50, maxDispatchesPerSecond: 100 },
  timeoutSeconds: 120,
};
