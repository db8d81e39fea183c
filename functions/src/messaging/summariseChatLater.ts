/** Task worker: the trailing summary of a busy chat (`{chatId, slot}`), written once its slot is due. */
import { SUMMARY_INTERVAL_MS } from '@natter/model';
import { RetryLater } from '../lib/errors.ts';
import { lazyHandler } from '../lib/lazy.ts';
import { taskWorker } from '../lib/taskWorker.ts';
import { slotRunAtMs, summaryQueue } from './summaryQueue.ts';

const summariseChat = lazyHandler(async () => (await import('./chatSummary.ts')).summariseChat);

export const summariseChatLater = taskWorker(summaryQueue, async ({ chatId, slot }) => {
  // Cloud Tasks honours the schedule time, so this never waits there. The Tasks emulator runs a
  // task at once: waiting out the rest of the slot (at most about an interval) costs one held
  // invocation, where asking for a retry would start one new invocation per early attempt.
  const earlyMs = Math.min(slotRunAtMs(slot) - Date.now(), 2 * SUMMARY_INTERVAL_MS);
  if (earlyMs > 0) await new Promise((resolve) => setTimeout(resolve, earlyMs));
  // Another writer changed the chat between the read and the write: summarise again shortly.
  if ((await summariseChat(chatId)) === 'contended') throw new RetryLater('the chat changed while it was summarised');
});
