/**
 * Cloud Tasks through the Admin SDK's task queues. Every task gets a deterministic id, so enqueueing
 * the same logical task twice (a retried trigger, a repeated replay) creates it once; Cloud Tasks'
 * "already exists" answer counts as success.
 */
import { getFunctions } from 'firebase-admin/functions';
import { adminApp } from './admin.ts';
import { REGION } from './options.ts';

export interface EnqueueOptions {
  /** Letters, digits, `-` and `_` only; at most 500 characters. */
  id: string;
  /** When the task should run; the Tasks emulator ignores this, so workers check the time themselves. */
  scheduleTime?: Date;
}

export type EnqueueOutcome = 'enqueued' | 'duplicate';

/** The seam workers and callables use to enqueue; tests and scripts may pass their own. */
export type Enqueue = (queue: string, data: Record<string, unknown>, options: EnqueueOptions) => Promise<EnqueueOutcome>;

export const enqueueTask: Enqueue = async (queue, data, { id, scheduleTime }) => {
  try {
    await getFunctions(adminApp())
      .taskQueue(`locations/${REGION}/functions/${queue}`)
      .enqueue(data, scheduleTime ? { id, scheduleTime } : { id });
    return 'enqueued';
  } catch (error) {
    if (isAlreadyExists(error)) return 'duplicate';
    throw error;
  }
};

/** Deletes a queued task if it is still waiting; a task that already ran or never existed is fine. */
export async function deleteTask(queue: string, id: string): Promise<void> {
  await getFunctions(adminApp()).taskQueue(`locations/${REGION}/functions/${queue}`).delete(id);
}

function isAlreadyExists(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'functions/task-already-exists' || code === 'task-already-exists';
}
