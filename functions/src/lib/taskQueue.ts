/**
 * What a Cloud Tasks queue is (payload schema, task key, retries, rate limits) and what one
 * delivery knows about itself. Types only, shared by the worker wiring (`taskWorker.ts`), the
 * queues and the dead-letter sink without either importing the other.
 */
import type { z } from 'zod';

export interface QueueDefinition<T extends Record<string, unknown>> {
  /** The worker's exported function name, which is also its queue's name. */
  name: string;
  schema: z.ZodType<T>;
  /** The logical task's key: the task id base and the dead letter's id. Task-id-safe characters only. */
  key(data: T): string;
  retryConfig: { maxAttempts: number; minBackoffSeconds: number; maxBackoffSeconds: number; maxDoublings: number };
  rateLimits: { maxConcurrentDispatches: number; maxDispatchesPerSecond: number };
  timeoutSeconds: number;
  /**
   * The worker waits out the task's schedule time itself when run early, as the Tasks emulator
   * runs every task at once; locally such a queue dispatches only a few at a time, since each
   * waiting task holds an emulator runtime (a Node process) of its own.
   */
  waitsOutScheduleLocally?: boolean;
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
