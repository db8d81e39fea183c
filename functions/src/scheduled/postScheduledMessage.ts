/** Task worker: posts one scheduled message (`{scheduledId, generation}`) at its time, once. */
import { taskWorker } from '../lib/taskWorker.ts';
import { handlePostScheduledMessage } from './handlePostScheduledMessage.ts';
import { scheduledQueue } from './queue.ts';

export const postScheduledMessage = taskWorker(scheduledQueue, async (task, run) => {
  await handlePostScheduledMessage(task, run);
});
