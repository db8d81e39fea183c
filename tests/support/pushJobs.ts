/** Waits until the push worker is done with a message (its job document reached a final status). */
import { paths, pushJobSchema, type PushJob } from '@natter/model';
import { adminDb } from './admin.ts';
import { pushJobId } from '../../functions/src/notifications/queue.ts';

export async function pushJobSettled(chatId: string, messageId: string, timeoutMs = 60_000): Promise<PushJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = (await adminDb.doc(paths.job(pushJobId({ chatId, messageId }))).get()).data();
    if (data?.status === 'SUCCESS' || data?.status === 'SKIPPED') return pushJobSchema.parse(data);
    if (Date.now() > deadline) throw new Error(`the push job for ${messageId} did not finish: ${JSON.stringify(data ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
