/**
 * Push notifications on the emulators: a real message goes through the real trigger, which
 * enqueues the real `sendMessageNotifications` task on the Tasks emulator; the local push sender
 * records every would-be FCM request in `pushOutbox`, which these tests read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { deadLetterSchema, paths } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { handleMessageNotifications, type PushDeps } from '../src/notifications/handleMessageNotifications.ts';
import { recordingSender } from '../src/notifications/pushSender.ts';
import { pushJobId, pushQueue } from '../src/notifications/queue.ts';
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
  return (await adminDb.doc(paths.job(pushJobId({ chatId, messageId }))).get()).get('status');
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
      data: { type: 'message', chatId: group.chatId, messageId },
    });
  });

  it('deletes the device whose token FCM reports unregistered, and keeps the others', async () => {
    const { u } = group;
    expect((await adminDb.doc(paths.device(u('fay'), 'old-phone')).get()).exists).toBe(false);
    expect((await adminDb.doc(paths.device(u('fay'), 'phone')).get()).exists).toBe(true);
    expect((await adminDb.doc(paths.device(u('ben'), 'laptop')).get()).exists).toBe(true);
  });

  it('sends nothing more when the task runs again, once and then ten times at once', async () => {
    const task = { chatId: group.chatId, messageId };
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
    const task = { chatId: group.chatId, messageId };
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
    const task = { chatId: group.chatId, messageId };
    // The probe's "first attempt" holds the lease, so the trigger's own task (which has no
    // presence reader here) stands aside, and the probe's second attempt takes the job over.
    await adminDb.doc(paths.job(pushJobId(task))).set({
      ...task, status: 'PROCESSING', leaseOwner: 'crashed', leaseTaskId: 'presence-probe', leaseAttempt: 1, leaseExpiresAt: Date.now() + HOUR,
    });
    await adminDb.doc(paths.message(group.chatId, messageId)).set({
      senderId: group.u('ana'), type: 'text', text: 'are you here?', createdAt: Timestamp.now(), seq: 1,
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
    const dlId = deadLetterId(pushQueue.name, pushJobId({ chatId, messageId }));
    const letter = await eventually(
      async () => {
        const snap = await adminDb.doc(paths.deadLetter(dlId)).get();
        return snap.exists ? deadLetterSchema.parse(snap.data()) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(letter).toMatchObject({ queue: pushQueue.name, status: 'open', attempts: pushQueue.retryConfig.maxAttempts, replays: 0, data: { chatId, messageId } });
    expect(letter.error.message).toContain('failed transiently');
    expect(await jobStatus(chatId, messageId)).toBe('ERROR');
    const afterFailures = countByToken(await pushesFor(messageId));
    expect(afterFailures).toEqual({ [`tok-ben-${tag}`]: 1, [`unavailable-ben-${tag}`]: pushQueue.retryConfig.maxAttempts });

    // The device comes back with a working token; the operator replays the dead letter twice.
    await seedDevice(ben, 'tablet', `tok-ben-tablet-${tag}`);
    const first = await replayDeadLetter(dlId);
    const second = await replayDeadLetter(dlId);
    expect(first).toMatchObject({ kind: 'replayed', taskId: `${pushJobId({ chatId, messageId })}-r1`, duplicate: false });
    expect(second).toMatchObject({ kind: 'already-replayed', taskId: `${pushJobId({ chatId, messageId })}-r1` });

    await eventually(async () => ((await jobStatus(chatId, messageId)) === 'SUCCESS' ? true : undefined));
    await sleep(500);
    expect(countByToken(await pushesFor(messageId), 'sent')).toEqual({ [`tok-ben-${tag}`]: 1, [`tok-ben-tablet-${tag}`]: 1 });
    expect(deadLetterSchema.parse((await adminDb.doc(paths.deadLetter(dlId)).get()).data())).toMatchObject({ status: 'replayed', replays: 1 });
  });
});
