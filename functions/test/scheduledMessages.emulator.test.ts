/**
 * Scheduled messages on the emulators: the real callables (client SDK sessions), the real
 * `postScheduledMessage` worker on the Tasks emulator (which dispatches at once, ignoring the
 * schedule, so the worker itself must hold back), and the message trigger summarising the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { FunctionsError } from 'firebase/functions';
import { COLLECTIONS, deadLetterSchema, paths, scheduledMessageId, scheduledMessageSchema } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { deadLetterId } from '../src/deadLetters/recordDeadLetter.ts';
import { replayDeadLetter } from '../src/deadLetters/replayDeadLetter.ts';
import { handlePostScheduledMessage } from '../src/scheduled/handlePostScheduledMessage.ts';
import { DELIVERY_FAILED_REASON, scheduledQueue, scheduledTaskId } from '../src/scheduled/queue.ts';
import { enqueueOn, seedChat, seedUser, sleep, uniqueId } from './fixtures.ts';

const tag = uniqueId('s');
const ana = `ana-${tag}`;
const ben = `ben-${tag}`;
const zed = `zed-${tag}`;
let chatId: string;
let anaClient: ClientSession;
let benClient: ClientSession;
let zedClient: ClientSession;

beforeAll(async () => {
  chatId = uniqueId('chat');
  await Promise.all([seedUser(ana), seedUser(ben), seedUser(zed)]);
  await seedChat(chatId, [ana, ben]);
  [anaClient, benClient, zedClient] = await Promise.all([signedInClient(ana), signedInClient(ben), signedInClient(zed)]);
});

afterAll(async () => {
  await Promise.all([anaClient.close(), benClient.close(), zedClient.close()]);
});

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function scheduled(id: string) {
  return scheduledMessageSchema.parse((await adminDb.doc(paths.scheduledMessage(id)).get()).data());
}

async function messageExists(room: string, id: string): Promise<boolean> {
  return (await adminDb.doc(paths.message(room, scheduledMessageId(id))).get()).exists;
}

async function expectCode(call: Promise<unknown>, code: string, messagePart?: string) {
  const error: unknown = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FunctionsError);
  expect((error as FunctionsError).code).toBe(`functions/${code}`);
  if (messagePart) expect((error as FunctionsError).message).toContain(messagePart);
}

async function ownSchedules(uid: string) {
  return (await adminDb.collection(COLLECTIONS.scheduledMessages).where('senderId', '==', uid).get()).size;
}

describe('scheduleMessage and cancelScheduledMessage', () => {
  it('refuses a sendAt in the past or beyond 30 days, a non-member and unknown fields, writing nothing', async () => {
    const before = await ownSchedules(zed);
    await expectCode(anaClient.call('scheduleMessage', { chatId, text: 'late', sendAt: inMs(-60_000) }), 'invalid-argument', 'sendAt');
    await expectCode(anaClient.call('scheduleMessage', { chatId, text: 'far', sendAt: inMs(31 * 86_400_000) }), 'invalid-argument', 'sendAt');
    await expectCode(anaClient.call('scheduleMessage', { chatId, text: 'x', sendAt: inMs(60_000), extra: 1 }), 'invalid-argument', 'extra');
    await expectCode(zedClient.call('scheduleMessage', { chatId, text: 'hi', sendAt: inMs(60_000) }), 'permission-denied');
    await expectCode(zedClient.call('scheduleMessage', { chatId: uniqueId('nochat'), text: 'hi', sendAt: inMs(60_000) }), 'permission-denied');
    expect(await ownSchedules(zed)).toBe(before);
  });

  it('lets only the owner cancel; cancelling twice is fine; a cancelled message is never posted', async () => {
    const sendAtMs = Date.now() + 10_000;
    const { id } = await anaClient.call<{ id: string }>('scheduleMessage', { chatId, text: 'never say this', sendAt: new Date(sendAtMs).toISOString() });
    expect(await scheduled(id)).toMatchObject({ senderId: ana, chatId, text: 'never say this', status: 'pending' });

    expect(await anaClient.call('cancelScheduledMessage', { id })).toEqual({});
    await expectCode(benClient.call('cancelScheduledMessage', { id }), 'not-found');
    expect(await anaClient.call('cancelScheduledMessage', { id })).toEqual({});

    // Past sendAt and past the worker retry that would have posted it (attempts at 0, 1, 3, 7, 15 s).
    while (Date.now() < sendAtMs + 7_000) {
      expect(await messageExists(chatId, id)).toBe(false);
      await sleep(500);
    }
    expect((await scheduled(id)).status).toBe('cancelled');
  });
});

describe('posting a scheduled message', () => {
  it('posts once, at its time and not before, as the sender; the trigger summarises it', async () => {
    const sendAtMs = Date.now() + 5_000;
    const { id } = await anaClient.call<{ id: string }>('scheduleMessage', { chatId, text: 'Happy birthday!', sendAt: new Date(sendAtMs).toISOString() });

    // The emulator dispatches the task at once; until sendAt the message must not exist.
    while (Date.now() < sendAtMs - 300) {
      expect(await messageExists(chatId, id)).toBe(false);
      await sleep(250);
    }
    await eventually(async () => {
      const chat = await adminDb.doc(paths.chat(chatId)).get();
      return chat.get('lastMessage.id') === scheduledMessageId(id) ? chat : undefined;
    }, { timeoutMs: 40_000, intervalMs: 250 });
    const message = await adminDb.doc(paths.message(chatId, scheduledMessageId(id))).get();
    expect(message.data()).toMatchObject({ senderId: ana, type: 'text', text: 'Happy birthday!' });
    expect((message.get('createdAt') as Timestamp).toMillis()).toBeGreaterThanOrEqual(sendAtMs);
    expect(await scheduled(id)).toMatchObject({ status: 'sent', messageId: scheduledMessageId(id) });

    await sleep(2_000);
    const posted = await adminDb.collection(paths.messages(chatId)).where('text', '==', 'Happy birthday!').get();
    expect(posted.size).toBe(1);
  });

  it('eight workers racing on a due message post it exactly once', async () => {
    const room = uniqueId('race');
    await seedChat(room, [ana, ben]);
    const id = uniqueId('sched');
    // Written directly (no task), already due.
    await adminDb.doc(paths.scheduledMessage(id)).set({
      senderId: ana, chatId: room, text: 'only once', sendAt: Timestamp.fromMillis(Date.now() - 1_000), status: 'pending', createdAt: Timestamp.now(),
    });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        handlePostScheduledMessage({ scheduledId: id, generation: 0 }, { function: scheduledQueue.name, taskId: `race-${i}`, attempt: 1, isLastAttempt: false }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'posted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'settled')).toHaveLength(7);
    expect((await adminDb.collection(paths.messages(room)).get()).size).toBe(1);
  });

  it('fails, without posting, when the sender left the chat before the time came', async () => {
    const room = uniqueId('left');
    await seedChat(room, [ana, ben]);
    const { id } = await anaClient.call<{ id: string }>('scheduleMessage', { chatId: room, text: 'still here?', sendAt: inMs(2_000) });
    await adminDb.doc(paths.chat(room)).update({ memberIds: [ben] });
    const settled = await eventually(async () => {
      const doc = await scheduled(id);
      return doc.status === 'pending' ? undefined : doc;
    }, { timeoutMs: 40_000, intervalMs: 250 });
    expect(settled).toMatchObject({ status: 'failed', failureReason: 'You are not a member of this chat.' });
    expect(await messageExists(room, id)).toBe(false);
  });

  it('a worker that keeps failing leaves one dead letter; the owner sees it failed; a replay posts it once', async () => {
    const room = uniqueId('broken');
    await seedChat(room, [ana, ben]);
    const id = uniqueId('sched');
    // Damaged document: the worker cannot parse it, throws, and is retried until attempts run out.
    await adminDb.doc(paths.scheduledMessage(id)).set({
      senderId: ana, chatId: room, text: 42, sendAt: Timestamp.fromMillis(Date.now() - 1_000), status: 'pending', createdAt: Timestamp.now(),
    });
    const task = { scheduledId: id, generation: 0 };
    await enqueueOn(scheduledQueue.name, task, scheduledTaskId(task));

    const dlId = deadLetterId(scheduledQueue.name, scheduledQueue.key(task));
    const letter = await eventually(async () => {
      const snap = await adminDb.doc(paths.deadLetter(dlId)).get();
      return snap.exists ? deadLetterSchema.parse(snap.data()) : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(letter).toMatchObject({ queue: scheduledQueue.name, status: 'open', attempts: scheduledQueue.retryConfig.maxAttempts, taskId: scheduledTaskId(task), data: task });
    expect(letter.error.name).toBe('ZodError');
    const failed = (await adminDb.doc(paths.scheduledMessage(id)).get()).data();
    expect(failed).toMatchObject({ status: 'failed', failureReason: DELIVERY_FAILED_REASON });
    await sleep(1_500);
    expect((await adminDb.collection(COLLECTIONS.deadLetters).where('key', '==', scheduledQueue.key(task)).get()).size).toBe(1);
    expect(await messageExists(room, id)).toBe(false);

    // An operator repairs the document and replays the dead letter (twice: idempotent).
    await adminDb.doc(paths.scheduledMessage(id)).update({ text: 'repaired' });
    expect(await replayDeadLetter(dlId)).toMatchObject({ kind: 'replayed', taskId: `${scheduledQueue.key(task)}-r1` });
    expect(await replayDeadLetter(dlId)).toMatchObject({ kind: 'already-replayed' });
    await eventually(async () => ((await scheduled(id)).status === 'sent' ? true : undefined), { timeoutMs: 30_000 });
    expect((await adminDb.collection(paths.messages(room)).get()).size).toBe(1);
  });
});
