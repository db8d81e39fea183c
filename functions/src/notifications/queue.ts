/**
 * The push-notification task queue: one task per chat and push window (`PUSH_WINDOW_MS`), so every
 * message of a burst names the same task and a device gets one notification per chat and window.
 * The task is scheduled just after its window closes, when every message created in it is visible.
 */
import { z } from 'zod';
import { PUSH_WINDOW_MS, chatIdSchema, docIdSchema } from '@natter/model';
import { stableKey } from '../lib/runtime.ts';
import type { QueueDefinition } from '../lib/taskWorker.ts';

const windowTaskSchema = z.strictObject({ chatId: chatIdSchema, window: z.number().int().min(0) });
/**
 * The payload of the release before push windows: one task per message. Still accepted, so tasks
 * in flight during a deploy and their dead letters are pushed as the window of their message.
 */
const messageTaskSchema = z.strictObject({ chatId: chatIdSchema, messageId: docIdSchema });

export const pushTaskSchema = z.union([windowTaskSchema, messageTaskSchema]);
export type PushTask = z.infer<typeof pushTaskSchema>;
export type PushWindowTask = z.infer<typeof windowTaskSchema>;

/**
 * Time a task waits after its window closes: a message's `createdAt` is its commit time, so this
 * only covers server-written messages whose timestamp was taken just before the commit.
 */
export const PUSH_WINDOW_GRACE_MS = 300;

/** The window a message created at `createdAtMs` is pushed in. */
export function pushWindow(createdAtMs: number): number {
  return Math.floor(createdAtMs / PUSH_WINDOW_MS);
}

/** The messages of a window: `createdAt` in `[startMs, endMs)`. */
export function windowRange(window: number): { startMs: number; endMs: number } {
  return { startMs: window * PUSH_WINDOW_MS, endMs: (window + 1) * PUSH_WINDOW_MS };
}

/** When a window's task may run. */
export function pushRunAtMs(window: number): number {
  return windowRange(window).endMs + PUSH_WINDOW_GRACE_MS;
}

/** `push-<hash>`: the task id, the job document's id (`jobs/push-<hash>`) and the dead letter's key. */
export function pushJobId(task: PushTask): string {
  return 'window' in task ? `push-${stableKey(task.chatId, 'window', String(task.window))}` : `push-${stableKey(task.chatId, task.messageId)}`;
}

export const pushQueue: QueueDefinition<PushTask> = {
  name: 'sendMessageNotifications',
  schema: pushTaskSchema,
  key: pushJobId,
  // Backoff 1, 2, 4, 8 s: a push that cannot go out within ~15 s of retries is dead-lettered.
  retryConfig: { maxAttempts: 5, minBackoffSeconds: 1, maxBackoffSeconds: 60, maxDoublings: 4 },
  // FCM allows far more; this keeps Firestore reads per second for recipient lookups bounded.
  rateLimits: { maxConcurrentDispatches: 50, maxDispatchesPerSecond: 100 },
  timeoutSeconds: 120,
  waitsOutScheduleLocally: true,
};
