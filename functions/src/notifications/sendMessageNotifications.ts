/** Task worker: push notifications for one new message (`{chatId, messageId}`), once per device. */
import { lazyHandler } from '../lib/lazy.ts';
import { taskWorker } from '../lib/taskWorker.ts';
import { pushQueue } from './queue.ts';

const handleMessageNotifications = lazyHandler(async () => (await import('./handleMessageNotifications.ts')).handleMessageNotifications);

export const sendMessageNotifications = taskWorker(pushQueue, async (task, run) => {
  await handleMessageNotifications(task, run);
});
