/**
 * The one way Natter defines Cloud Tasks workers: retries and rate limits in the trigger options,
 * strict payload parsing, and a dead letter when a task exhausts its attempts. A worker throws
 * only when it wants a retry (`RetryLater` for "not yet", anything else for a failure); on the
 * last attempt the failure is written to `deadLetters/{queue}-{key}` and the task is settled.
 */
import { HttpsError } from 'firebase-functions/v2/https';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import type { z } from 'zod';
import { recordDeadLetter } from '../deadLetters/recordDeadLetter.ts';
import { RetryLater, reportError } from './errors.ts';
import { logs } from './logs.ts';
import { scrubText } from './scrub.ts';

export interface QueueDefinition<T extends Record<string, unknown>> {
  /** The worker's exported function name, which is also its queue's name. */
  name: string;
  schema: z.ZodType<T>;
  /** The logical task's key: the task id base and the dead letter's id. Task-id-safe characters only. */
  key(data: T): string;
  retryConfig: { maxAttempts: number; minBackoffSeconds: number; maxBackoffSeconds: number; maxDoublings: number };
  rateLimits: { maxConcurrentDispatches: number; maxDispatchesPerSecond: number };
  timeoutSeconds: number;
  /** Called once a task is dead-lettered, e.g. to show the owner that something failed. */
  onDeadLetter?(data: T): Promise<void>;
  /** Called before a dead letter is replayed, e.g. to undo `onDeadLetter`. */
  beforeReplay?(data: T): Promise<void>;
}

export interface TaskRun {
  function: string;
  taskId: string;
  /** 1 for the first attempt. */
  attempt: number;
  isLastAttempt: boolean;
}

export interface TaskRequest {
  data: unknown;
  id: string;
  retryCount?: number;
  headers?: Record<string, string>;
}

export type TaskHandler<T> = (data: T, run: TaskRun) => Promise<void>;

export function taskWorker<T extends Record<string, unknown>>(queue: QueueDefinition<T>, handler: TaskHandler<T>) {
  return onTaskDispatched(
    { retryConfig: queue.retryConfig, rateLimits: queue.rateLimits, timeoutSeconds: queue.timeoutSeconds },
    (request) => runTask(queue, handler, { data: request.data, id: request.id, retryCount: request.retryCount, headers: request.headers }),
  );
}

/** Runs one delivery of a task; exported so tests can drive attempts directly. */
export async function runTask<T extends Record<string, unknown>>(
  queue: QueueDefinition<T>,
  handler: TaskHandler<T>,
  request: TaskRequest,
): Promise<void> {
  const retryCount = Number.isFinite(request.retryCount) ? Number(request.retryCount) : 0;
  const run: TaskRun = {
    function: queue.name,
    taskId: request.id,
    attempt: retryCount + 1,
    // The Tasks emulator grants one attempt more than Cloud Tasks; settling here keeps both the same.
    isLastAttempt: retryCount + 1 >= queue.retryConfig.maxAttempts,
  };
  const context = { function: queue.name, eventId: request.id, data: request.data, headers: request.headers };
  const parsed = queue.schema.safeParse(request.data);
  if (!parsed.success) {
    // No retry can fix a malformed payload; report it and settle the task.
    logs.taskInvalidPayload({ function: queue.name, eventId: request.id, queue: queue.name, reason: scrubText(parsed.error.message).slice(0, 500) });
    await reportError(new Error(`invalid ${queue.name} task payload`), context);
    return;
  }
  try {
    await handler(parsed.data, run);
  } catch (error) {
    if (!run.isLastAttempt) {
      if (error instanceof RetryLater) {
        logs.taskRetryLater({ function: queue.name, eventId: request.id, queue: queue.name, attempt: run.attempt, reason: error.message });
        throw new HttpsError('aborted', 'Retry later.');
      }
      await reportError(error, context);
      throw new HttpsError('internal', 'Internal error.');
    }
    if (!(error instanceof RetryLater)) await reportError(error, context);
    await recordDeadLetter(queue, parsed.data, run, error);
  }
}
