/**
 * Enqueues the push task for a new message. Called by the message trigger after sequencing; safe to
 * call any number of times (the task id is deterministic, "already exists" counts as success).
 */
import { logs } from '../lib/logs.ts';
import { enqueueTask, type Enqueue, type EnqueueOutcome } from '../lib/tasks.ts';
import { pushJobId, pushQueue } from './queue.ts';

export async function enqueueMessageNotification(
  chatId: string,
  messageId: string,
  enqueue: Enqueue = enqueueTask,
): Promise<EnqueueOutcome> {
  const taskId = pushJobId({ chatId, messageId });
  const outcome = await enqueue(pushQueue.name, { chatId, messageId }, { id: taskId });
  logs.pushEnqueued({ chatId, messageId, taskId, duplicate: outcome === 'duplicate' });
  return outcome;
}
