/**
 * Push notifications on the emulators: a real message goes through the real trigger, which
 * enqueues the real `sendMessageNotifications` task of its push window on the Tasks emulator; the
 * local push sender records every would-be FCM request in `pushOutbox`, which these tests read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, PUSH_WINDOW_MS, deadLetterSchema, paths, pushJobSchema, pushOutboxEntrySchema, type PushOutboxEntry } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { handleMessageNotifications, type PushDeps } from '../src/notifications/handleMessageNotifications.ts';
import { recordingSender } from '../src/notifications/pushSender.ts';
import { pushJobId, pushQueue, pushWindow, type PushWindowTask } from '../src/notifications/queue.ts';
import { pushJobIdOf } from '../../tests/support/pushJobs.ts';
import { deadLetterId } from '../src/deadLetters/recordDeadLetter.ts';
import { replayDeadLetter } from '../src/deadLetters/replayDeadLetter.ts';
import { countByToken, enqueueOn, queueSettled, pushesFor, seedChat, seedDevice, seedUser, sleep, uniqueId } from './fixtures.ts';

const HOUR = 3_600_000;

/**
 * A group of seven: ana sends; ben has two devices; cai muted the chat for an hour; dev blocked
 * ana; eve's mute ran out; fay has a live token and a dead one; gus has no device. Ana's own
 * device must never ring.
 */
async function seedGroup(tag: string) {
  const u = (name: string) => `${name}-${tag}`;
  const members = ['ana', 'ben', 'cai', 'dev', 'eve', 'fay', 'gus'].map(u);
  const chatId = uniqueId('group');
  await Promise.all(members.map((uid) => seedUser(uid)));
  await seedChat(chatId, members, {
    name: 'Weekend plans',
    mutedUntil: { [u('cai')]: Timestamp.fromMillis(Date.now() + HOUR), [u('eve')]: Timestamp.fromMillis(Date.now() - HOUR) },
  });
  await adminDb.doc(paths.block(u('dev'), u('ana'))).set({ createdAt: Timestamp.now() });
  const tokens = {
    ana: `tok-ana-${tag}`,
    benPhone: `tok-ben-phone-${tag}`,
    benLaptop: `tok-ben-laptop-${tag}`,
    cai: `tok-cai-${tag}`,
    dev: `tok-dev-${tag}`,
    eve: `tok-eve-${tag}`,
    fay: `tok-fay-${tag}`,
    fayDead: `invalid-fay-old-${tag}`,
  };
  await Promise.all([
    seedDevice(u('ana'), 'phone', tokens.ana),
    seedDevice(u('ben'), 'phone', tokens.benPhone),
    seedDevice(u('ben'), 'laptop', tokens.benLaptop),
    seedDevice(u('cai'), 'phone', tokens.cai),
    seedDevice(u('dev'), 'phone', tokens.dev),
    seedDevice(u('eve'), 'phone', tokens.eve),
    seedDevice(u('fay'), 'phone', tokens.fay),
    seedDevice(u('fay'), 'old-phone', tokens.fayDead),
  ]);
  return { chatId, u, tokens };
}

async function sendMessage(chatId: string, senderId: string, text: string): Promise<string> {
  const messageId = uniqueId('m');
  await adminDb.doc(paths.message(chatId, messageId)).set({ senderId, type: 'text', text, createdAt: Timestamp.now() });
  return messageId;
}

async function jobStatus(chatId: string, messageId: string): Promise<unknown> {
  return (await adminDb.doc(paths.job(await pushJobIdOf(chatId, messageId))).get()).get('status');
}

/** The task of the push window a message was created in. */
async function windowTaskOf(chatId: string, messageId: string): Promise<PushWindowTask> {
  const createdAt = (await adminDb.doc(paths.message(chatId, messageId)).get()).get('createdAt') as Timestamp;
  return { chatId, window: pushWindow(createdAt.toMillis()) };
}

describe('push notifications for a new message', () => {
  let group: Awaited<ReturnType<typeof seedGroup>>;
  let messageId: string;

  beforeAll(async () => {
    group = await seedGroup(uniqueId('g'));
    messageId = await sendMessage(group.chatId, group.u('ana'), 'Hike on Sunday?');
    await eventually(async () => ((await jobStatus(group.chatId, messageId)) === 'SUCCESS' ? true : undefined));
  });

  it('records exactly one push per eligible device, and none for the sender, muted, blocking or device-less members', async () => {
    const { tokens } = group;
    const entries = await pushesFor(messageId);
    expect(countByToken(entries, 'sent')).toEqual({ [tokens.benPhone]: 1, [tokens.benLaptop]: 1, [tokens.eve]: 1, [tokens.fay]: 1 });
    expect(countByToken(entries)).toEqual({ [tokens.benPhone]: 1, [tokens.benLaptop]: 1, [tokens.eve]: 1, [tokens.fay]: 1, [tokens.fayDead]: 1 });
    const request = entries.find((e) => e.token === tokens.benPhone)?.request;
    expect(request).toMatchObject({
      notification: { title: 'Weekend plans', body: 'Ana: Hike on Sunday?' },
      data: { type: 'message', chatId: group.chatId, messageId, count: '1' },
    });
  });

  it('deletes the device whose token FCM reports unregistered, and keeps the others', async () => {
    const { u } = group;
    expect((await adminDb.doc(paths.device(u('fay'), 'old-phone')).get()).exists).toBe(false);
    expect((await adminDb.doc(paths.device(u('fay'), 'phone')).get()).exists).toBe(true);
    expect((await adminDb.doc(paths.device(u('ben'), 'laptop')).get()).exists).toBe(true);
  });

  it('sends nothing more when the task runs again, once and then ten times at once', async () => {
    const task = await windowTaskOf(group.chatId, messageId);
    await enqueueOn(pushQueue.name, task, `${pushJobId(task)}-again`);
    await Promise.all(Array.from({ length: 10 }, (_, i) => enqueueOn(pushQueue.name, task, `${pushJobId(task)}-dup${i}`)));
    // All eleven ran within the last minute, so the sliding count holds at least them.
    await queueSettled(pushQueue.name, { atLeastCompleted: 11 });

    const entries = await pushesFor(messageId);
    expect(entries).toHaveLength(5);
    expect(Object.values(countByToken(entries)).every((n) => n === 1)).toBe(true);
  });
});

describe('push notifications under concurrent workers', () => {
  it('ten workers racing on one message push each device exactly once', async () => {
    const group = await seedGroup(uniqueId('c'));
    // Sequenced already, as the trigger would leave it; the trigger's own task joins the race.
    const messageId = uniqueId('m');
    await adminDb.doc(paths.message(group.chatId, messageId)).set({
      senderId: group.u('ana'), type: 'text', text: 'race', createdAt: Timestamp.now(), seq: 1,
    });
    const deps: PushDeps = { sender: recordingSender(adminDb), presence: null, now: Date.now, leaseMs: 60_000 };
    const task = await windowTaskOf(group.chatId, messageId);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        handleMessageNotifications(task, { function: pushQueue.name, taskId: `race-${i}`, attempt: 1, isLastAttempt: false }, deps),
      ),
    );
    const kinds = outcomes.map((o) => o.kind);
    expect(kinds.filter((k) => k === 'sent').length).toBeLessThanOrEqual(1);
    await eventually(async () => ((await jobStatus(group.chatId, messageId)) === 'SUCCESS' ? true : undefined));

    const entries = await pushesFor(messageId);
    const { tokens } = group;
    expect(countByToken(entries)).toEqual({ [tokens.benPhone]: 1, [tokens.benLaptop]: 1, [tokens.eve]: 1, [tokens.fay]: 1, [tokens.fayDead]: 1 });
  });

  it('skips members the presence reader says are viewing the chat', async () => {
    const group = await seedGroup(uniqueId('v'));
    await adminDb.doc(paths.user(group.u('ben'))).update({ online: true });
    const messageId = uniqueId('m');
    const createdAt = Timestamp.now();
    const task = { chatId: group.chatId, window: pushWindow(createdAt.toMillis()) };
    // The probe's "first attempt" holds the lease, so any other run stands aside, and the probe's
    // second attempt takes the job over.
    await adminDb.doc(paths.job(pushJobId(task))).set({
      ...task, status: 'PROCESSING', leaseOwner: 'crashed', leaseTaskId: 'presence-probe', leaseAttempt: 1, leaseExpiresAt: Date.now() + HOUR,
    });
    await adminDb.doc(paths.message(group.chatId, messageId)).set({
      senderId: group.u('ana'), type: 'text', text: 'are you here?', createdAt, seq: 1,
    });
    const viewingBen = {
      viewing: (_chatId: string, uids: readonly string[]) => Promise.resolve(new Set(uids.filter((uid) => uid === group.u('ben')))),
      online: () => Promise.resolve(new Set<string>()),
    };
    const deps: PushDeps = { sender: recordingSender(adminDb), presence: viewingBen, now: Date.now, leaseMs: 60_000 };
    const outcome = await handleMessageNotifications(task, { function: pushQueue.name, taskId: 'presence-probe', attempt: 2, isLastAttempt: false }, deps);
    expect(outcome.kind).toBe('sent');
    const counts = countByToken(await pushesFor(messageId));
    expect(counts).toEqual({ [group.tokens.eve]: 1, [group.tokens.fay]: 1, [group.tokens.fayDead]: 1 });
  });
});

describe('push notifications that keep failing', () => {
  it('retry the failed device only, dead-letter after the last attempt, and a replay finishes the job once', async () => {
    const tag = uniqueId('f');
    const ana = `ana-${tag}`;
    const ben = `ben-${tag}`;
    const chatId = uniqueId('direct');
    await Promise.all([seedUser(ana), seedUser(ben)]);
    await seedChat(chatId, [ana, ben], { type: 'direct' });
    await seedDevice(ben, 'phone', `tok-ben-${tag}`);
    await seedDevice(ben, 'tablet', `unavailable-ben-${tag}`);

    const messageId = await sendMessage(chatId, ana, 'ping');
    const task = await windowTaskOf(chatId, messageId);
    const dlId = deadLetterId(pushQueue.name, pushJobId(task));
    const letter = await eventually(
      async () => {
        const snap = await adminDb.doc(paths.deadLetter(dlId)).get();
        return snap.exists ? deadLetterSchema.parse(snap.data()) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(letter).toMatchObject({ queue: pushQueue.name, status: 'open', attempts: pushQueue.retryConfig.maxAttempts, replays: 0, data: task });
    expect(letter.error.message).toContain('failed transiently');
    expect(await jobStatus(chatId, messageId)).toBe('ERROR');
    const afterFailures = countByToken(await pushesFor(messageId));
    expect(afterFailures).toEqual({ [`tok-ben-${tag}`]: 1, [`unavailable-ben-${tag}`]: pushQueue.retryConfig.maxAttempts });

    // The device comes back with a working token; the operator replays the dead letter twice.
    await seedDevice(ben, 'tablet', `tok-ben-tablet-${tag}`);
    const first = await replayDeadLetter(dlId);
    const second = await replayDeadLetter(dlId);
    expect(first).toMatchObject({ kind: 'replayed', taskId: `${pushJobId(task)}-r1`, duplicate: false });
    expect(second).toMatchObject({ kind: 'already-replayed', taskId: `${pushJobId(task)}-r1` });

    await eventually(async () => ((await jobStatus(chatId, messageId)) === 'SUCCESS' ? true : undefined));
    await sleep(500);
    expect(countByToken(await pushesFor(messageId), 'sent')).toEqual({ [`tok-ben-${tag}`]: 1, [`tok-ben-tablet-${tag}`]: 1 });
    expect(deadLetterSchema.parse((await adminDb.doc(paths.deadLetter(dlId)).get()).data())).toMatchObject({ status: 'replayed', replays: 1 });
  });
});

/** Waits until a fresh push window has just begun, so the next few writes share it. */
async function startOfFreshWindow(): Promise<void> {
  const msIntoWindow = Date.now() % PUSH_WINDOW_MS;
  await sleep(PUSH_WINDOW_MS - msIntoWindow + 50);
}

async function pushesInChat(chatId: string): Promise<PushOutboxEntry[]> {
  const snap = await adminDb.collection(COLLECTIONS.pushOutbox).where('chatId', '==', chatId).get();
  return snap.docs.map((doc) => pushOutboxEntrySchema.parse(doc.data())).sort((a, b) => a.recordedAt.toMillis() - b.recordedAt.toMillis());
}

const shown = (entry: PushOutboxEntry) => ({ ...(entry.request.notification as object), count: (entry.request.data as Record<string, string>).count });

describe('push per chat, not per message', () => {
  it('folds the messages of one window into one notice per device, with one collapse key per chat', async () => {
    const tag = uniqueId('w');
    const [ana, ben, cai] = ['ana', 'ben', 'cai'].map((name) => `${name}-${tag}`) as [string, string, string];
    const chatId = uniqueId('group');
    await Promise.all([ana, ben, cai].map((uid) => seedUser(uid)));
    await seedChat(chatId, [ana, ben, cai], { name: 'Burst' });
    await Promise.all([seedDevice(ana, 'phone', `tok-ana-${tag}`), seedDevice(ben, 'phone', `tok-ben-${tag}`), seedDevice(cai, 'phone', `tok-cai-${tag}`)]);

    await startOfFreshWindow();
    const burst = [await sendMessage(chatId, ana, 'one'), await sendMessage(chatId, cai, 'two'), await sendMessage(chatId, ana, 'three')];
    const windows = await Promise.all(burst.map(async (id) => (await windowTaskOf(chatId, id)).window));
    expect(new Set(windows).size).toBe(1);
    await eventually(async () => ((await jobStatus(chatId, burst[2]!)) === 'SUCCESS' ? true : undefined));
    // The next window: one message, told as itself.
    const later = await sendMessage(chatId, ana, 'later');
    expect((await windowTaskOf(chatId, later)).window).toBeGreaterThan(windows[0]!);
    await eventually(async () => ((await jobStatus(chatId, later)) === 'SUCCESS' ? true : undefined));

    const entries = await pushesInChat(chatId);
    const of = (uid: string) => entries.filter((e) => e.token === `tok-${uid}`);
    expect(of(ben).map(shown)).toEqual([
      { title: 'Burst', body: '3 new messages', count: '3' },
      { title: 'Burst', body: 'Ana: later', count: '1' },
    ]);
    // Cai sent one of the three: she hears of Ana's two, then of "later". Ana hears of Cai's one only.
    expect(of(cai).map(shown)).toEqual([
      { title: 'Burst', body: '2 new messages', count: '2' },
      { title: 'Burst', body: 'Ana: later', count: '1' },
    ]);
    expect(of(ana).map(shown)).toEqual([{ title: 'Burst', body: 'Cai: two', count: '1' }]);
    // Every notice of the chat carries the same collapse key and tag, so each replaces the last.
    const keys = new Set(entries.map((e) => JSON.stringify([(e.request.android as { collapseKey: string }).collapseKey, (e.request.apns as { headers: object }).headers, (e.request.webpush as { headers: object; notification: object })])));
    expect(keys.size).toBe(1);
    const jobs = (await adminDb.collection(COLLECTIONS.jobs).where('chatId', '==', chatId).get()).docs.map((d) => d.get('messages') as number);
    expect(jobs.sort()).toEqual([1, 3]);
  });

  it('writes no job document when nobody to push has a device, and one as soon as someone has', async () => {
    const tag = uniqueId('n');
    const [ana, ben] = [`ana-${tag}`, `ben-${tag}`];
    const chatId = uniqueId('direct');
    await Promise.all([seedUser(ana), seedUser(ben)]);
    await seedChat(chatId, [ana, ben], { type: 'direct' });
    await seedDevice(ana, 'phone', `tok-ana-${tag}`);
    // Presequenced, as the trigger leaves a message it already handled: only this test runs the worker.
    const createdAt = Timestamp.now();
    await adminDb.doc(paths.message(chatId, 'quiet')).set({ senderId: ana, type: 'text', text: 'hello?', createdAt, seq: 1 });
    const deps: PushDeps = { sender: recordingSender(adminDb), presence: null, now: Date.now, leaseMs: 60_000 };
    const run = { function: pushQueue.name, taskId: `nodevice-${tag}`, attempt: 1, isLastAttempt: false };
    const task = { chatId, window: pushWindow(createdAt.toMillis()) };

    // Only the sender has a device: nothing to push, nothing written.
    expect(await handleMessageNotifications(task, run, deps)).toEqual({ kind: 'skipped', reason: 'nobody to push has a device' });
    expect((await adminDb.doc(paths.job(pushJobId(task))).get()).exists).toBe(false);

    // The same window once Ben has a phone: the job exists and Ben is told once.
    await seedDevice(ben, 'phone', `tok-ben-${tag}`);
    expect(await handleMessageNotifications(task, { ...run, taskId: `device-${tag}` }, deps)).toMatchObject({ kind: 'sent', status: 'SUCCESS' });
    expect((await adminDb.doc(paths.job(pushJobId(task))).get()).get('status')).toBe('SUCCESS');
    expect(countByToken(await pushesFor('quiet', chatId))).toEqual({ [`tok-ben-${tag}`]: 1 });

    // A task of the release before push windows names the message; it is pushed as its window (already done).
    expect(await handleMessageNotifications({ chatId, messageId: 'quiet' }, { ...run, taskId: `legacy-${tag}` }, deps)).toEqual({ kind: 'done' });
    expect(countByToken(await pushesFor('quiet', chatId))).toEqual({ [`tok-ben-${tag}`]: 1 });
  });
});

describe('a worker killed between FCM accepting a batch and its checkpoint', () => {
  it('resends at most that batch on the retry, every resend under the same collapse key', async () => {
    const tag = uniqueId('k');
    const sender = `ana-${tag}`;
    const owners = ['ben', 'cai', 'dev'].map((name) => `${name}-${tag}`);
    const chatId = uniqueId('group');
    await Promise.all([sender, ...owners].map((uid) => seedUser(uid)));
    await seedChat(chatId, [sender, ...owners], { name: 'Big' });
    // 600 tokens: FCM batches of 500 and 100.
    const writer = adminDb.bulkWriter();
    for (const uid of owners) {
      for (let d = 0; d < 200; d++) void writer.set(adminDb.doc(paths.device(uid, `d${d}`)), { token: `tok-${uid}-${d}`, platform: 'android', updatedAt: Timestamp.now() });
    }
    await writer.close();
    const createdAt = Timestamp.now();
    await adminDb.doc(paths.message(chatId, 'crash')).set({ senderId: sender, type: 'text', text: 'big news', createdAt, seq: 1 });
    const task = { chatId, window: pushWindow(createdAt.toMillis()) };
    const run = { function: pushQueue.name, taskId: `kill-${tag}`, attempt: 1, isLastAttempt: false };
    const base: PushDeps = { sender: recordingSender(adminDb), presence: null, now: Date.now, leaseMs: HOUR };

    const killed = handleMessageNotifications(task, run, { ...base, afterBatchSent: () => Promise.reject(new Error('killed')) });
    await expect(killed).rejects.toThrow('killed');
    // A killed process releases nothing: its lease stays, as attempt 1 left it.
    await adminDb.doc(paths.job(pushJobId(task))).update({ status: 'PROCESSING', leaseOwner: 'killed', leaseTaskId: run.taskId, leaseAttempt: 1, leaseExpiresAt: Date.now() + HOUR });
    expect((await adminDb.doc(paths.job(pushJobId(task))).get()).get('doneKeys')).toEqual([]);
    // Another task stands aside while the lease is live; Cloud Tasks' retry of the killed one takes over.
    expect(await handleMessageNotifications(task, { ...run, taskId: `other-${tag}` }, base)).toEqual({ kind: 'busy' });
    expect(await handleMessageNotifications(task, { ...run, attempt: 2 }, base)).toMatchObject({ kind: 'sent', status: 'SUCCESS', counts: { devices: 600, sent: 600 } });

    const entries = await pushesFor('crash', chatId);
    const counts = Object.values(countByToken(entries));
    expect(counts).toHaveLength(600);
    expect(counts.filter((n) => n === 2)).toHaveLength(500);
    expect(counts.filter((n) => n === 1)).toHaveLength(100);
    // Both copies of a resent push carry the chat's collapse key and tag: the phone shows one.
    const byToken = new Map<string, Set<string>>();
    for (const entry of entries) {
      const key = JSON.stringify([(entry.request.android as { collapseKey: string }).collapseKey, entry.request.webpush, entry.request.notification]);
      byToken.set(entry.token, (byToken.get(entry.token) ?? new Set()).add(key));
    }
    expect([...byToken.values()].every((keys) => keys.size === 1)).toBe(true);
    const job = pushJobSchema.parse((await adminDb.doc(paths.job(pushJobId(task))).get()).data());
    expect(job).toMatchObject({ status: 'SUCCESS', messages: 1 });
    expect(new Set(job.doneKeys).size).toBe(600);
  });
});
