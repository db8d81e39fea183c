/**
 * Enqueues the push task of a new message's window. Called by the message trigger for every
 * accepted message; every message of one chat and window names the same task, and "already
 * exists" counts as success, so a burst costs one push job however many messages it holds.
 */
import { logs } from '../lib/logs.ts';
import { enqueueTask, type Enqueue, type EnqueueOutcome } from '../lib/tasks.ts';
import { pushJobId, pushQueue, pushRunAtMs, pushWindow } from './queue.ts';

export async function enqueueMessageNotification(
  chatId: string,
  message: { id: string; createdAtMs: number },
  enqueue: Enqueue = enqueueTask,
): Promise<EnqueueOutcome> {
  const task = { chatId, window: pushWindow(message.createdAtMs) };
  const taskId = pushJobId(task);
  const outcome = await enqueue(pushQueue.name, task, { id: taskId, scheduleTime: new Date(pushRunAtMs(task.window)) });
  logs.pushEnqueued({ chatId, messageId: message.id, taskId, duplicate: outcome === 'duplicate' });
  return outcome;
}
