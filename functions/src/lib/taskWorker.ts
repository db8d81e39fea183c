/**
 * The one way Natter defines Cloud Tasks workers: retries and rate limits in the trigger options,
 * strict payload parsing, and a dead letter when a task exhausts its attempts. A worker throws
 * only when it wants a retry (`RetryLater` for "not yet", anything else for a failure); on the
 * last attempt the failure is written to `deadLetters/{queue}-{key}` and the task is settled.
 */
import { HttpsError } from 'firebase-functions/v2/https';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { RetryLater, reportError } from './errors.ts';
import { logs } from './logs.ts';
import { isEmulated } from './runtime.ts';
import { scrubText } from './scrub.ts';
import type { QueueDefinition, TaskRun } from './taskQueue.ts';

export type { QueueDefinition, TaskRun } from './taskQueue.ts';

export interface TaskRequest {
  data: unknown;
  id: string;
  retryCount?: number;
  headers?: Record<string, string>;
}

export type TaskHandler<T> = (data: T, run: TaskRun) => Promise<void>;

/**
 * The Functions emulator runs every concurrent invocation as its own Node process on one machine:
 * a burst of 50 dispatches started 50 runtimes on 2 cores and some failed to load ("Failed to load
 * function"), which then cost retries and dead letters. Locally each queue dispatches at most this
 * many tasks at once; deployed queues keep their own limits.
 */
const EMULATED_MAX_CONCURRENT_DISPATCHES = 8;
/** For queues whose workers wait out their schedule time locally (see `waitsOutScheduleLocally`). */
const EMULATED_MAX_WAITING_DISPATCHES = 2;

type RateLimits = QueueDefinition<Record<string, unknown>>['rateLimits'];

function localRateLimits(queue: Pick<QueueDefinition<Record<string, unknown>>, 'rateLimits' | 'waitsOutScheduleLocally'>): RateLimits {
  const limits = queue.rateLimits;
  if (!isEmulated()) return limits;
  const cap = queue.waitsOutScheduleLocally ? EMULATED_MAX_WAITING_DISPATCHES : EMULATED_MAX_CONCURRENT_DISPATCHES;
  return { ...limits, maxConcurrentDispatches: Math.min(limits.maxConcurrentDispatches, cap) };
}

export function taskWorker<T extends Record<string, unknown>>(queue: QueueDefinition<T>, handler: TaskHandler<T>) {
  return onTaskDispatched(
    { retryConfig: queue.retryConfig, rateLimits: localRateLimits(queue), timeoutSeconds: queue.timeoutSeconds },
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
    const { recordDeadLetter } = await import('../deadLetters/recordDeadLetter.ts');
    await recordDeadLetter(queue, parsed.data, run, error);
  }
}
