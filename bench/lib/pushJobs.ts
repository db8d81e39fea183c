/** Waits for the push worker: its job document for a message reaches a final status. */
import { paths, pushJobSchema, type PushJob } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { pushJobId } from '../../functions/src/notifications/queue.ts';
import { sleep } from './time.ts';

export async function finishedPushJob(chatId: string, messageId: string, timeoutMs = 300_000): Promise<PushJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = (await adminDb.doc(paths.job(pushJobId({ chatId, messageId }))).get()).data();
    if (data?.status === 'SUCCESS' || data?.status === 'SKIPPED') return pushJobSchema.parse(data);
    if (Date.now() > deadline) throw new Error(`the push job for ${messageId} did not finish: ${JSON.stringify(data ?? null)}`);
    await sleep(250);
  }
}
