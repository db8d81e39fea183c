/**
 * Notification work per message in a large group: every recipient has a device, every fourth a
 * second one, every sixteenth muted the chat. Messages are posted as the sender; the trigger
 * enqueues the push task, the Cloud Tasks emulator runs the worker, and the recording FCM seam
 * (`pushOutbox`, the local side of `getMessaging().sendEach`) keeps each request it would send.
 * Every figure is a count: tokens and `sendEach` calls per send, the worker's Firestore writes and
 * reads per send; then a burst (16 msg/s for 10 s into the same group) and the most notifications
 * any one device got per push window.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, PUSH_WINDOW_MS, paths, pushOutboxEntrySchema, type Device, type PushJob, type PushOutboxEntry } from '@natter/model';
import { pushWindow } from '../../functions/src/notifications/queue.ts';
import { adminDb } from '../../tests/support/admin.ts';
import { entriesSince, ledgerMark, waitLedgerQuiet } from '../lib/ledger.ts';
import { pushJobSettled } from '../../tests/support/pushJobs.ts';
import { now, progress, sleep } from '../lib/time.ts';
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
  /** Firestore writes by the worker per send (the job document: its creation and one checkpoint per FCM batch). */
  workerWrites: number;
  /** Firestore reads by the worker per send, to find recipients and devices. */
  workerReads: number;
  burst: PushBurst;
}

export interface PushBurst {
  rate: number;
  seconds: number;
  sent: number;
  /** Push windows the burst's messages fell into, and push jobs that ran for them. */
  windows: number;
  jobs: number;
  /** The most notifications any one device got in one window (goal: 1), and per device over the burst. */
  maxPerDevicePerWindow: number;
  maxPerDevice: number;
  /** Notifications sent per message sent, over all devices. */
  notificationsPerMessage: number;
  workerWritesPerMessage: number;
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
  // Each send in a push window of its own: a job per send.
  await sleep(PUSH_WINDOW_MS);
  const jobs: PushJob[] = [];
  for (const id of ids) {
    await adminDb.doc(paths.message(chatId, id)).set({ senderId: sender, type: 'text', text: `push probe ${id}`, createdAt: Timestamp.now() });
    const job = await pushJobSettled(chatId, id, 300_000);
    jobs.push(job);
    await sleep(PUSH_WINDOW_MS);
    progress(`push size ${size}: message ${id}: ${job.recipients ?? 0} recipients, ${job.sent ?? 0} tokens`);
  }
  await waitLedgerQuiet();
  const workerWrites = entriesSince(mark).flatMap((e) => e.paths).filter((p) => p.startsWith(`${COLLECTIONS.jobs}/`)).length;

  const outbox = await outboxOf(chatId);
  const burst = await measureBurst(chatId, sender, 16, 10);
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
    workerReads: jobs.reduce((sum, job) => sum + (job.reads ?? 0), 0) / messages,
    burst,
  };
}

async function outboxOf(chatId: string): Promise<PushOutboxEntry[]> {
  return (await adminDb.collection(COLLECTIONS.pushOutbox).where('chatId', '==', chatId).get()).docs.map((d) => pushOutboxEntrySchema.parse(d.data()));
}

/** `rate` msg/s for `seconds` into the group, then the notifications each device got per window. */
async function measureBurst(chatId: string, sender: string, rate: number, seconds: number): Promise<PushBurst> {
  const before = new Set((await outboxOf(chatId)).map((entry) => `${entry.token}|${entry.messageId}|${entry.recordedAt.toMillis()}`));
  const mark = ledgerMark();
  const count = rate * seconds;
  const start = now();
  const writes: Promise<unknown>[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    const id = `pushburst-${String(i).padStart(4, '0')}`;
    ids.push(id);
    writes.push(adminDb.doc(paths.message(chatId, id)).set({ senderId: sender, type: 'text', text: `burst ${i}`, createdAt: Timestamp.now() }));
  }
  await Promise.all(writes);
  const windowOf = new Map<string, number>();
  for (const id of ids) windowOf.set(id, pushWindow(((await adminDb.doc(paths.message(chatId, id)).get()).get('createdAt') as Timestamp).toMillis()));
  const windows = new Set(windowOf.values());
  const jobs = await Promise.all([...windows].map(async (window) => {
    const newest = ids.filter((id) => windowOf.get(id) === window).at(-1) ?? '';
    return pushJobSettled(chatId, newest, 300_000);
  }));
  await waitLedgerQuiet();
  const sent = (await outboxOf(chatId)).filter((entry) => !before.has(`${entry.token}|${entry.messageId}|${entry.recordedAt.toMillis()}`));
  const perDeviceWindow = new Map<string, number>();
  const perDevice = new Map<string, number>();
  for (const entry of sent) {
    const key = `${entry.token}|${windowOf.get(entry.messageId) ?? -1}`;
    perDeviceWindow.set(key, (perDeviceWindow.get(key) ?? 0) + 1);
    perDevice.set(entry.token, (perDevice.get(entry.token) ?? 0) + 1);
  }
  const workerWrites = entriesSince(mark).flatMap((e) => e.paths).filter((p) => p.startsWith(`${COLLECTIONS.jobs}/`)).length;
  progress(`push burst: ${count} messages in ${windows.size} windows, ${sent.length} notifications`);
  return {
    rate,
    seconds,
    sent: count,
    windows: windows.size,
    jobs: new Set(jobs.map((job) => job.window)).size,
    maxPerDevicePerWindow: Math.max(0, ...perDeviceWindow.values()),
    maxPerDevice: Math.max(0, ...perDevice.values()),
    notificationsPerMessage: sent.length / count,
    workerWritesPerMessage: workerWrites / count,
  };
}
