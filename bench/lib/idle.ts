/**
 * Waits until the functions have worked off what a scenario left behind, so the next scenario is
 * not measured against another's backlog: the Cloud Tasks queues the message path feeds (every
 * message trigger enqueues into them while it still has work) have stayed empty, and no function
 * has committed a write, for a few seconds.
 */
import { PROJECT_ID, REGION, emulatorPort } from '../../tests/support/env.ts';
import { waitLedgerQuiet } from './ledger.ts';
import { progress, sleep } from './time.ts';

const QUEUES = ['sendMessageNotifications', 'summariseChatLater'];

export async function waitFunctionsIdle(quietMs = 3_000, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - started > timeoutMs) throw new Error(`the task queues kept working for ${timeoutMs} ms`);
    await sleep(250);
    const response = await fetch(`http://127.0.0.1:${emulatorPort('tasks')}/queueStats`);
    const stats = (await response.json()) as Record<string, { numberOfTasks?: number }>;
    const waiting = QUEUES.reduce((sum, queue) => sum + (stats[`queue:${PROJECT_ID}-${REGION}-${queue}`]?.numberOfTasks ?? 0), 0);
    if (waiting > 0) since = Date.now();
  }
  await waitLedgerQuiet();
  progress(`functions idle after ${Date.now() - started} ms`);
}
