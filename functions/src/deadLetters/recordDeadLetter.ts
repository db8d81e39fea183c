/**
 * Writes the one dead letter of a logical task that exhausted its attempts: `deadLetters/{queue}-{key}`.
 * Idempotent: a duplicate final attempt rewrites the same document; a replay that fails again
 * reopens it (its replay count is kept, so the next replay gets a fresh task id).
 */
import { FieldValue } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { describeError } from '../lib/errors.ts';
import { logs } from '../lib/logs.ts';
import type { QueueDefinition, TaskRun } from '../lib/taskQueue.ts';

export function deadLetterId(queue: string, key: string): string {
  return `${queue}-${key}`;
}

export async function recordDeadLetter<T extends Record<string, unknown>>(
  queue: QueueDefinition<T>,
  data: T,
  run: TaskRun,
  error: unknown,
): Promise<string> {
  const key = queue.key(data);
  const id = deadLetterId(queue.name, key);
  const ref = db().doc(paths.deadLetter(id));
  const described = describeError(error);
  const fields = {
    queue: queue.name,
    key,
    taskId: run.taskId,
    data,
    error: described,
    attempts: run.attempt,
    status: 'open',
    failedAt: FieldValue.serverTimestamp(),
  };
  await db().runTransaction(async (tx) => {
    const existing = await tx.get(ref);
    if (existing.exists) tx.update(ref, fields);
    else tx.create(ref, { ...fields, replays: 0, replayTaskId: null, replayedAt: null });
  });
  await queue.onDeadLetter?.(data);
  logs.deadLetterRecorded({ function: queue.name, eventId: run.taskId, queue: queue.name, deadLetterId: id, attempts: run.attempt, errorName: described.name });
  return id;
}
