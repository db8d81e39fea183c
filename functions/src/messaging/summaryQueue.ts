/**
 * The trailing chat-summary task queue: in a busy chat, the triggers of one burst name the same
 * task (chat and the interval slot the summary is due in), so Cloud Tasks runs one summary write
 * per chat per `SUMMARY_INTERVAL_MS` however many messages arrive; the last message of a burst is
 * summarised by it.
 */
import { z } from 'zod';
import { SUMMARY_INTERVAL_MS, chatIdSchema } from '@natter/model';
import { stableKey } from '../lib/runtime.ts';
import type { QueueDefinition } from '../lib/taskWorker.ts';

export const summaryTaskSchema = z.strictObject({ chatId: chatIdSchema, slot: z.number().int().min(0) });
export type SummaryTask = z.infer<typeof summaryTaskSchema>;

/** The slot a summary due at `dueAtMs` belongs to: every trigger of one burst computes the same. */
export function summarySlot(dueAtMs: number): number {
  return Math.ceil(dueAtMs / SUMMARY_INTERVAL_MS);
}

/** When a slot's task may run. */
export function slotRunAtMs(slot: number): number {
  return slot * SUMMARY_INTERVAL_MS;
}

export function summaryTaskId({ chatId, slot }: SummaryTask): string {
  return `summary-${stableKey(chatId, String(slot))}`;
}

export const summaryQueue: QueueDefinition<SummaryTask> = {
  name: 'summariseChatLater',
  schema: summaryTaskSchema,
  key: summaryTaskId,
  // A summary that lost a race to another writer asks again after 1 s.
  retryConfig: { maxAttempts: 5, minBackoffSeconds: 1, maxBackoffSeconds: 4, maxDoublings: 2 },
  rateLimits: { maxConcurrentDispatches: 50, maxDispatchesPerSecond: 500 },
  timeoutSeconds: 60,
  // Its worker also waits out the slot locally, but a summary held back in the local queue would
  // hold the chat list back too, so it keeps the usual local cap (no `waitsOutScheduleLocally`).
};
