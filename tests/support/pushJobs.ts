/**
 * The push job of a message's push window (`jobs/push-<hash>` of its chat and window), and a wait
 * until the worker is done with it. A job exists only when some recipient has a device, so tests
 * that wait on one give a recipient a device.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths, pushJobSchema, type PushJob } from '@natter/model';
import { adminDb } from './admin.ts';
import { pushJobId, pushRunAtMs, pushWindow } from '../../functions/src/notifications/queue.ts';

async function windowOf(chatId: string, messageId: string): Promise<number> {
  const createdAt: unknown = (await adminDb.doc(paths.message(chatId, messageId)).get()).get('createdAt');
  if (!(createdAt instanceof Timestamp)) throw new Error(`message ${messageId} has no createdAt`);
  return pushWindow(createdAt.toMillis());
}

export async function pushJobIdOf(chatId: string, messageId: string): Promise<string> {
  return pushJobId({ chatId, window: await windowOf(chatId, messageId) });
}

/** Waits until the push task of a message's window is due, plus a second for it to run. */
export async function pushWindowClosed(chatId: string, messageId: string): Promise<void> {
  const waitMs = pushRunAtMs(await windowOf(chatId, messageId)) + 1_000 - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

export async function pushJobSettled(chatId: string, messageId: string, timeoutMs = 60_000): Promise<PushJob> {
  const jobId = await pushJobIdOf(chatId, messageId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = (await adminDb.doc(paths.job(jobId)).get()).data();
    if (data?.status === 'SUCCESS' || data?.status === 'SKIPPED') return pushJobSchema.parse(data);
    if (Date.now() > deadline) throw new Error(`the push job for ${messageId} did not finish: ${JSON.stringify(data ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
