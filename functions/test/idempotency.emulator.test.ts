/**
 * Duplicate and concurrent delivery of each trigger's event: firebase-functions-test's wrap() runs
 * the real wiring in this process with a fixed event id, ten times at once and then again as a
 * replay, against the Firestore emulator, where the deployed triggers also fire for real. Each
 * case ends in one final state: nothing counted twice, no second push.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import functionsTest from 'firebase-functions-test';
import { Timestamp } from 'firebase-admin/firestore';
import { Change } from 'firebase-functions/v2';
import { DataSnapshot } from 'firebase-functions/v2/database';
import { DEFAULT_CHAT_SETTINGS, chatSchema, paths, type Chat } from '@natter/model';
import { docWhen, firestore, seedUsers } from './support/messaging.ts';
import { pushJobSettled } from '../../tests/support/pushJobs.ts';
import { pushesFor, seedDevice } from './fixtures.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { PROJECT_ID } from '../../tests/support/env.ts';
import { onMessageCreated } from '../src/messaging/onMessageCreated.ts';
import { onMessageUpdated } from '../src/messaging/onMessageUpdated.ts';
import { onPresenceWritten } from '../src/presence/onPresenceWritten.ts';
import { onAccountUpdated } from '../src/presence/onAccountUpdated.ts';
import { onProfileUpdated } from '../src/users/onProfileUpdated.ts';
import { memberDoc } from '../src/chats/apply.ts';

const fft = functionsTest({ projectId: PROJECT_ID });
const DELIVERIES = 10;

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(['id-ana', 'id-ben', 'id-cai']);
  await Promise.all([seedDevice('id-ana', 'phone', 'tok-id-ana'), seedDevice('id-ben', 'phone', 'tok-id-ben')]);
});

afterAll(() => {
  fft.cleanup();
});

async function directChat(chatId: string, memberIds: string[]): Promise<void> {
  const chat: Chat = {
    type: 'direct',
    memberIds,
    adminIds: [],
    name: null,
    description: '',
    photoURL: null,
    createdBy: memberIds[0]!,
    createdAt: Timestamp.now(),
    lastMessage: null,
    lastMessageAt: null,
    seq: 0,
    settings: DEFAULT_CHAT_SETTINGS,
  };
  const batch = firestore.batch();
  batch.set(firestore.doc(paths.chat(chatId)), chat);
  for (const uid of memberIds) batch.set(firestore.doc(paths.member(chatId, uid)), memberDoc({ uid, role: 'member', addedBy: null }, 0));
  await batch.commit();
}

async function chatOf(chatId: string): Promise<Chat> {
  return chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
}

async function settle(): Promise<void> {
  // The emulator's own deliveries of the same writes run beside ours; give them time to land.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}

describe('onMessageCreated delivered many times', () => {
  it('counts the message once, writes the summary once and pushes once, for 10 concurrent deliveries and a replay', async () => {
    const chatId = 'idem-created';
    await directChat(chatId, ['id-ana', 'id-ben']);
    const ref = firestore.doc(paths.message(chatId, 'm1'));
    await ref.set({ senderId: 'id-ana', type: 'text', text: 'once', createdAt: Timestamp.now() });
    const event = { id: 'evt-created-fixed', params: { chatId, messageId: 'm1' }, data: await ref.get() };
    const wrapped = fft.wrap(onMessageCreated);

    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(event) as Promise<void>));
    await (wrapped(event) as Promise<void>);
    await settle();
    await (wrapped(event) as Promise<void>);

    const stored = await ref.get();
    expect(stored.get('seq')).toBeUndefined();
    expect(stored.updateTime?.isEqual(stored.createTime!)).toBe(true);
    const chat = await chatOf(chatId);
    expect(chat.seq).toBe(1);
    expect(chat.lastMessage).toMatchObject({ id: 'm1', seq: 1 });
    // Every delivery enqueued the same task id: the worker ran it once.
    expect(await pushJobSettled(chatId, 'm1')).toMatchObject({ status: 'SUCCESS', attempts: 1, messages: 1 });
    expect((await firestore.collection('jobs').where('chatId', '==', chatId).get()).size).toBe(1);
    expect((await pushesFor('m1', chatId)).map((entry) => entry.token)).toEqual(['tok-id-ben']);
  });

  it('counts nothing twice when an old event is replayed after newer messages', async () => {
    const chatId = 'idem-replay';
    await directChat(chatId, ['id-ana', 'id-ben']);
    const first = firestore.doc(paths.message(chatId, 'a'));
    await first.set({ senderId: 'id-ana', type: 'text', text: 'first', createdAt: Timestamp.now() });
    const firstEvent = { id: 'evt-first', params: { chatId, messageId: 'a' }, data: await first.get() };
    await docWhen(paths.chat(chatId), (data) => data.seq === 1);
    await firestore.doc(paths.message(chatId, 'b')).set({ senderId: 'id-ben', type: 'text', text: 'second', createdAt: Timestamp.now() });
    await docWhen(paths.chat(chatId), (data) => data.seq === 2);

    const wrapped = fft.wrap(onMessageCreated);
    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(firstEvent) as Promise<void>));
    const chat = await chatOf(chatId);
    expect(chat.seq).toBe(2);
    expect(chat.lastMessage).toMatchObject({ id: 'b', preview: 'second' });
    // One job per push window: a and b may share one. Ben hears of a once, Ana of b once.
    const jobs = await Promise.all(['a', 'b'].map((id) => pushJobSettled(chatId, id)));
    expect((await firestore.collection('jobs').where('chatId', '==', chatId).get()).size).toBe(new Set(jobs.map((job) => job.window)).size);
    expect((await pushesFor('a', chatId)).map((entry) => entry.token)).toEqual(['tok-id-ben']);
    expect((await pushesFor('b', chatId)).map((entry) => entry.token)).toEqual(['tok-id-ana']);
  });
});

describe('onMessageUpdated delivered many times and out of order', () => {
  it('ends with the preview of the latest edit, whatever order the events arrive in', async () => {
    const chatId = 'idem-updated';
    await directChat(chatId, ['id-ana', 'id-ben']);
    const ref = firestore.doc(paths.message(chatId, 'm'));
    await ref.set({ senderId: 'id-ana', type: 'text', text: 'draft', createdAt: Timestamp.now() });
    await docWhen(paths.chat(chatId), (data) => data.seq === 1);

    const v1 = await ref.get();
    await ref.update({ text: 'edit one', editedAt: Timestamp.now() });
    const v2 = await ref.get();
    await ref.update({ text: 'edit two', editedAt: Timestamp.now() });
    const v3 = await ref.get();
    const wrapped = fft.wrap(onMessageUpdated);
    const editOne = { id: 'evt-edit-one', params: { chatId, messageId: 'm' }, data: new Change(v1, v2) };
    const editTwo = { id: 'evt-edit-two', params: { chatId, messageId: 'm' }, data: new Change(v2, v3) };

    await Promise.all(Array.from({ length: DELIVERIES }, (_, i) => wrapped(i % 2 === 0 ? editTwo : editOne) as Promise<void>));
    await (wrapped(editOne) as Promise<void>); // the older edit, replayed last
    await settle();
    expect((await chatOf(chatId)).lastMessage?.preview).toBe('edit two');

    await ref.update({ text: '', deletedForEveryone: true });
    const v4 = await ref.get();
    const deleted = { id: 'evt-delete', params: { chatId, messageId: 'm' }, data: new Change(v3, v4) };
    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(deleted) as Promise<void>));
    await (wrapped(editTwo) as Promise<void>); // a stale edit after the delete cannot bring the text back
    await settle();
    expect((await chatOf(chatId)).lastMessage?.preview).toBe('This message was deleted');
    expect((await ref.get()).data()).toMatchObject({ text: '', deletedForEveryone: true });
  });
});

describe('onPresenceWritten delivered many times and out of order (constructed RTDB snapshots)', () => {
  const uid = 'id-cai';
  const wrapped = fft.wrap(onPresenceWritten);
  const snap = (value: unknown) => new DataSnapshot(value, `status/${uid}`, undefined, `https://${PROJECT_ID}-default-rtdb.firebaseio.com`);
  const event = (id: string, before: unknown, after: unknown) => ({
    id,
    params: { uid },
    ref: `status/${uid}`,
    data: new Change(snap(before), snap(after)),
  });
  const profile = async () => (await firestore.doc(paths.user(uid)).get()).data() as { online: boolean; lastSeenAt: Timestamp | null };

  it('keeps the newest status: duplicates change nothing, a late older event is dropped', async () => {
    const online = event('evt-online', null, { state: 'online', lastChanged: 1_000 });
    const offline = event('evt-offline', { state: 'online', lastChanged: 1_000 }, { state: 'offline', lastChanged: 3_000 });
    const lateOnline = event('evt-late', { state: 'offline', lastChanged: 1_500 }, { state: 'online', lastChanged: 2_000 });

    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(online) as Promise<void>));
    expect(await profile()).toMatchObject({ online: true });
    expect((await profile()).lastSeenAt?.toMillis()).toBe(1_000);

    await Promise.all([...Array.from({ length: DELIVERIES }, () => wrapped(offline) as Promise<void>), wrapped(lateOnline) as Promise<void>]);
    await (wrapped(lateOnline) as Promise<void>);
    await (wrapped(online) as Promise<void>);
    const state = await profile();
    expect(state.online).toBe(false);
    expect(state.lastSeenAt?.toMillis()).toBe(3_000);
    expect((await firestore.doc(paths.presence(uid)).get()).data()).toMatchObject({ state: 'offline', lastChanged: 3_000 });
  });
});

describe('onAccountUpdated delivered many times', () => {
  it('hides and shows last seen once, however often the settings change is delivered', async () => {
    const uid = 'id-ben';
    await firestore.doc(paths.presence(uid)).set({ state: 'offline', lastChanged: 7_000, updatedAt: Timestamp.now() });
    await firestore.doc(paths.user(uid)).update({ lastSeenAt: Timestamp.fromMillis(7_000) });
    const account = firestore.doc(paths.account(uid));
    const visible = await account.get();
    await account.update({ 'settings.lastSeen': 'nobody' });
    const hidden = await account.get();
    const wrapped = fft.wrap(onAccountUpdated);
    const toNobody = { id: 'evt-nobody', params: { uid }, data: new Change(visible, hidden) };

    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(toNobody) as Promise<void>));
    expect((await firestore.doc(paths.user(uid)).get()).get('lastSeenAt')).toBeNull();

    await account.update({ 'settings.lastSeen': 'everyone' });
    const shown = await account.get();
    const toEveryone = { id: 'evt-everyone', params: { uid }, data: new Change(hidden, shown) };
    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(toEveryone) as Promise<void>));
    await (wrapped(toNobody) as Promise<void>); // stale: the account now says everyone, so it stays shown
    expect(((await firestore.doc(paths.user(uid)).get()).get('lastSeenAt') as Timestamp).toMillis()).toBe(7_000);
  });
});

describe('onProfileUpdated delivered many times', () => {
  it("derives the stored name's search key, however often or late a rename is delivered", async () => {
    const uid = 'id-cai';
    const profile = firestore.doc(paths.user(uid));
    const before = await profile.get();
    // A client that changes only the name (rules allow it) leaves the old search key behind.
    await profile.update({ displayName: 'Caitlin Moss' });
    const renamed = await profile.get();
    const wrapped = fft.wrap(onProfileUpdated);
    const rename = { id: 'evt-rename', params: { uid }, data: new Change(before, renamed) };

    await Promise.all(Array.from({ length: DELIVERIES }, () => wrapped(rename) as Promise<void>));
    expect((await profile.get()).get('displayNameLower')).toBe('caitlin moss');

    // Renamed again; the first event replayed late still ends on the current name's key.
    await profile.update({ displayName: 'Cai Moss' });
    await (wrapped(rename) as Promise<void>);
    expect((await profile.get()).get('displayNameLower')).toBe('cai moss');
    const settled = (await profile.get()).updateTime?.toMillis();
    await (wrapped(rename) as Promise<void>);
    expect((await profile.get()).updateTime?.toMillis()).toBe(settled);
  });
});
