/** Task worker: push notifications for one new message (`{chatId, messageId}`), once per device. */
import { taskWorker } from '../lib/taskWorker.ts';
import { handleMessageNotifications } from './handleMessageNotifications.ts';
import { pushQueue } from './queue.ts';

export const sendMessageNotifications = taskWorker(pushQueue, async (task, run) => {
  await handleMessageNotifications(task, run);
});
