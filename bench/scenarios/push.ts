/**
 * Notification work per message in a large group: every recipient has a device, every fourth a
 * second one, every sixteenth muted the chat. Messages are posted as the sender; the trigger
 * enqueues the push task, the Cloud Tasks emulator runs the worker, and the recording FCM seam
 * (`pushOutbox`, the local side of `getMessaging().sendEach`) keeps each request it would send.
 * Every figure is a count: tokens and `sendEach` calls per send, and the worker's Firestore writes.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, paths, pushOutboxEntrySchema, type Device, type PushJob } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { entriesSince, ledgerMark, waitLedgerQuiet } from '../lib/ledger.ts';
import { pushJobSettled } from '../../tests/support/pushJobs.ts';
import { progress } from '../lib/time.ts';
import { createGroup, memberIds } from './natter.ts';

export interface PushRun {
  size: number;
  messages: number;
  /** Members other than the sender, and how many of them muted the chat. */
  others: number;
  muted: number;
  /** Per send, averaged over the messages: */
  recipients: number;
  tokens: number;
  sendEachCalls: number;
  /** Firestore writes by the worker per send (job document and per-device markers). */
  workerWrites: number;
}

const FAR_FUTURE = Timestamp.fromMillis(Date.UTC(2100, 0, 1));

export async function measurePush(size: number, messages: number): Promise<PushRun> {
  const chatId = `bench-push-${size}`;
  const [sender = 'nobody', ...others] = memberIds(`p${size}`, size);
  await createGroup(chatId, [sender, ...others]);
  const muted = others.filter((_, i) => i % 16 === 15);
  const writer = adminDb.bulkWriter();
  others.forEach((uid, i) => {
    const device = (n: number): Device => ({ token: `bench-${uid}-${n}`, platform: 'android', updatedAt: Timestamp.now() });
    void writer.set(adminDb.doc(paths.device(uid, 'phone')), device(1));
    if (i % 4 === 0) void writer.set(adminDb.doc(paths.device(uid, 'laptop')), device(2));
  });
  for (const uid of muted) void writer.update(adminDb.doc(paths.member(chatId, uid)), { mutedUntil: FAR_FUTURE });
  await writer.close();
  await waitLedgerQuiet();

  const mark = ledgerMark();
  const ids = Array.from({ length: messages }, (_, m) => `push${size}m${m}`);
  const jobs: PushJob[] = [];
  for (const id of ids) {
    await adminDb.doc(paths.message(chatId, id)).set({ senderId: sender, type: 'text', text: `push probe ${id}`, createdAt: Timestamp.now() });
    const job = await pushJobSettled(chatId, id, 300_000);
    jobs.push(job);
    progress(`push size ${size}: message ${id}: ${job.recipients ?? 0} recipients, ${job.sent ?? 0} tokens`);
  }
  await waitLedgerQuiet();
  const workerWrites = entriesSince(mark).flatMap((e) => e.paths).filter((p) => p.startsWith(`${COLLECTIONS.jobs}/`)).length;

  const outbox = (await adminDb.collection(COLLECTIONS.pushOutbox).where('chatId', '==', chatId).get()).docs.map((d) => pushOutboxEntrySchema.parse(d.data()));
  return {
    size,
    messages,
    others: others.length,
    muted: muted.length,
    recipients: jobs.reduce((sum, job) => sum + (job.recipients ?? 0), 0) / messages,
    tokens: outbox.length / messages,
    // Each recorded request carries the size of the sendEach call it was part of.
    sendEachCalls: outbox.reduce((sum, entry) => sum + 1 / entry.batchSize, 0) / messages,
    workerWrites: workerWrites / messages,
  };
}
