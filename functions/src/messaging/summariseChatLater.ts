/** Task worker: the trailing summary of a busy chat (`{chatId, slot}`), written once its slot is due. */
import { RetryLater } from '../lib/errors.ts';
import { lazyHandler } from '../lib/lazy.ts';
import { taskWorker } from '../lib/taskWorker.ts';
import { slotRunAtMs, summaryQueue } from './summaryQueue.ts';

const summariseChat = lazyHandler(async () => (await import('./chatSummary.ts')).summariseChat);

export const summariseChatLater = taskWorker(summaryQueue, async ({ chatId, slot }, run) => {
  // Cloud Tasks honours the schedule time; the emulator does not, so an early run asks again.
  if (Date.now() < slotRunAtMs(slot) && !run.isLastAttempt) throw new RetryLater('the summary is not due yet');
  // Another writer changed the chat between the read and the write: summarise again shortly.
  if ((await summariseChat(chatId)) === 'contended') throw new RetryLater('the chat changed while it was summarised');
});
