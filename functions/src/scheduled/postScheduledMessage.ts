/** Task worker: posts one scheduled message (`{scheduledId, generation}`) at its time, once. */
import { lazyHandler } from '../lib/lazy.ts';
import { taskWorker } from '../lib/taskWorker.ts';
import { scheduledQueue } from './queue.ts';

const handlePostScheduledMessage = lazyHandler(async () => (await import('./handlePostScheduledMessage.ts')).handlePostScheduledMessage);

export const postScheduledMessage = taskWorker(scheduledQueue, async (task, run) => {
  await handlePostScheduledMessage(task, run);
});
