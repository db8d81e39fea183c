/** Task worker: the trailing summary of a busy chat (`{chatId, slot}`), written once its slot is due. */
import { RetryLater } from '../lib/errors.ts';
import { taskWorker } from '../lib/taskWorker.ts';
import { summariseChat } from './chatSummary.ts';
import { slotRunAtMs, summaryQueue } from './summaryQueue.ts';

export const summariseChatLater = taskWorker(summaryQueue, async ({ chatId, slot }, run) => {
  // Cloud Tasks honours the schedule time; the emulator does not, so an early run asks again.
  if (Date.now() < slotRunAtMs(slot) && !run.isLastAttempt) throw new RetryLater('the summary is not due yet');
  await summariseChat(chatId);
});
