import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collection,
  doc,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from 'firebase/firestore';
import {
  chatSchema,
  directChatId,
  directReceipt,
  markerUpdate,
  memberSchema,
  paths,
  unreadCount,
  type Chat,
  type Member,
} from '@natter/model';
import { Recorder, ban, block, callCode, callError, docWhen, firestore, seedUsers } from './support/messaging.ts';
import { pushJobSettled } from '../../tests/support/pushJobs.ts';
import { seedDevice } from './fixtures.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { anonymousClient, signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { createUserWithEmailAndPassword } from 'firebase/auth';
import { randomBytes } from 'node:crypto';

let ana: ClientSession;
let ben: ClientSession;
const recorders: Recorder<unknown>[] = [];

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(['dm-ana', 'dm-ben', 'dm-cai', 'dm-dev', 'dm-eve', 'dm-fay'], { names: { 'dm-ana': 'Ana', 'dm-ben': 'Ben' } });
  await Promise.all([seedDevice('dm-ana', 'phone', 'tok-dm-ana'), seedDevice('dm-ben', 'phone', 'tok-dm-ben')]);
  [ana, ben] = await Promise.all([signedInClient('dm-ana'), signedInClient('dm-ben')]);
});

afterAll(async () => {
  for (const recorder of recorders) recorder.close();
  await Promise.all([ana.close(), ben.close()]);
});

function record<T>(recorder: Recorder<T>): Recorder<T> {
  recorders.push(recorder as Recorder<unknown>);
  return recorder;
}

function watchMember(db: Firestore, chatId: string, uid: string): Recorder<Member> {
  return record(
    new Recorder<Member>().listen((next, error) =>
      onSnapshot(doc(db, paths.member(chatId, uid)), (snap) => snap.exists() && next(memberSchema.parse(snap.data())), error),
    ),
  );
}

/** What a chat list shows: the client's own query (membership proven by array-contains, bounded). */
function watchChatList(session: ClientSession): Recorder<{ id: string; chat: Chat }[]> {
  const chats = query(
    collection(session.db, 'chats'),
    where('memberIds', 'array-contains', session.uid),
    orderBy('lastMessageAt', 'desc'),
    limit(50),
  );
  return record(
    new Recorder<{ id: string; chat: Chat }[]>().listen((next, error) =>
      onSnapshot(chats, (snap) => next(snap.docs.map((d) => ({ id: d.id, chat: chatSchema.parse(d.data()) }))), error),
    ),
  );
}

async function send(session: ClientSession, chatId: string, text: string): Promise<string> {
  const ref = doc(collection(session.db, paths.messages(chatId)));
  // Exactly what strict rules admit: own uid, allowed keys, the request time.
  await setDoc(ref, { senderId: session.uid, type: 'text', text, createdAt: serverTimestamp() });
  return ref.id;
}

describe('two clients in a direct chat, with triggers firing for real', () => {
  it('open the same chat idempotently, and its documents match the model', async () => {
    const chatId = directChatId('dm-ana', 'dm-ben');
    expect(await ana.call('openDirectChat', { otherUid: 'dm-ben' })).toEqual({ chatId });
    expect(await ana.call('openDirectChat', { otherUid: 'dm-ben' })).toEqual({ chatId });
    expect(await ben.call('openDirectChat', { otherUid: 'dm-ana' })).toEqual({ chatId });

    const chat = chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
    expect(chat).toMatchObject({ type: 'direct', memberIds: ['dm-ana', 'dm-ben'], adminIds: [], seq: 0, lastMessage: null });
    const members = await firestore.collection(paths.members(chatId)).get();
    expect(members.docs.map((d) => memberSchema.parse(d.data())).map((m) => [m.uid, m.role, m.readSeq])).toEqual([
      ['dm-ana', 'member', 0],
      ['dm-ben', 'member', 0],
    ]);
  });

  it('see lastMessage, unread counts and read state change in realtime', async () => {
    const chatId = directChatId('dm-ana', 'dm-ben');
    const benList = watchChatList(ben);
    const benSelf = watchMember(ben.db, chatId, 'dm-ben');
    const anaSeesBen = watchMember(ana.db, chatId, 'dm-ben');
    const benSeesAna = watchMember(ben.db, chatId, 'dm-ana');
    await benSelf.until((m) => m.readSeq === 0);

    await send(ana, chatId, 'Hi Ben');
    const second = await send(ana, chatId, 'Are you there?');

    // Ben's chat list: the summary and the unread count, with no read of any message.
    const items = await benList.until((list) => list.some((item) => item.id === chatId && item.chat.seq === 2));
    const item = items.find((entry) => entry.id === chatId)!;
    expect(item.chat.lastMessage).toMatchObject({ id: second, senderId: 'dm-ana', preview: 'Are you there?', seq: 2 });
    expect(unreadCount(item.chat.seq, benSelf.latest)).toBe(2);

    // Ana sees one tick on her latest message (seq 2) until Ben's device acknowledges it.
    expect(directReceipt(2, anaSeesBen.latest)).toBe('sent');
    const delivered = markerUpdate(benSelf.latest!, item.chat.seq, { reading: false });
    expect(delivered).toEqual({ deliveredSeq: 2 });
    await updateDoc(doc(ben.db, paths.member(chatId, 'dm-ben')), delivered!);
    await anaSeesBen.until((m) => directReceipt(2, m) === 'delivered');

    // Ben opens the chat: marking read is one write, and Ana's ticks turn blue.
    const read = markerUpdate(benSelf.latest!, item.chat.seq, { reading: true });
    expect(read).toEqual({ readSeq: 2 });
    await updateDoc(doc(ben.db, paths.member(chatId, 'dm-ben')), read!);
    await anaSeesBen.until((m) => directReceipt(2, m) === 'read');
    await benSelf.until((m) => unreadCount(2, m) === 0);

    // Ana's client had the chat open while sending: it marked her own reading (its debounced
    // marker write; sending itself moves no marker).
    await updateDoc(doc(ana.db, paths.member(chatId, 'dm-ana')), { readSeq: 2, deliveredSeq: 2 });

    // Ben replies: Ana has one unread; Ben's client, with the chat open, marks his own reading once
    // the summary counts his message (sending itself writes no marker).
    const anaList = watchChatList(ana);
    const anaSelf = watchMember(ana.db, chatId, 'dm-ana');
    await send(ben, chatId, 'Yes! 10am?');
    const anaItems = await anaList.until((list) => list.some((entry) => entry.id === chatId && entry.chat.seq === 3));
    const anaChat = anaItems.find((entry) => entry.id === chatId)!.chat;
    expect(anaChat.lastMessage).toMatchObject({ senderId: 'dm-ben', preview: 'Yes! 10am?' });
    await anaSelf.until((m) => unreadCount(anaChat.seq, m) === 1);
    expect(unreadCount(anaChat.seq, benSelf.latest)).toBe(1);
    const ownReading = markerUpdate(benSelf.latest!, anaChat.seq, { reading: true });
    expect(ownReading).toEqual({ readSeq: 3, deliveredSeq: 3 });
    await updateDoc(doc(ben.db, paths.member(chatId, 'dm-ben')), ownReading!);
    await benSelf.until((m) => m.readSeq === 3 && unreadCount(3, m) === 0);
    expect(directReceipt(3, benSeesAna.latest)).toBe('sent');

    // No message was rewritten with a number (the summary counts them), and the push worker
    // finished the job of each message's push window once (both have a phone).
    const messages = (await firestore.collection(paths.messages(chatId)).get()).docs;
    expect(messages.map((d) => d.get('seq') as unknown)).toEqual([undefined, undefined, undefined]);
    const jobs = await Promise.all(messages.map((d) => pushJobSettled(chatId, d.id)));
    const windows = new Set(jobs.map((job) => job.window));
    expect((await firestore.collection('jobs').where('chatId', '==', chatId).get()).size).toBe(windows.size);
    expect(jobs.every((job) => job.status === 'SUCCESS' && job.attempts === 1)).toBe(true);
  });
});

/** Signs a new person up through the client SDK, as an app does, and returns their uid at once. */
async function signUp(): Promise<string> {
  const client = anonymousClient();
  try {
    const { user } = await createUserWithEmailAndPassword(client.auth, `fresh-${randomBytes(6).toString('hex')}@natter.test`, 'correct horse battery');
    return user.uid;
  } finally {
    await client.close();
  }
}

describe('someone who has just signed up', () => {
  it('can be messaged and added to a group at once, 20 times in a row', async () => {
    for (let round = 1; round <= 20; round++) {
      const [forChat, forGroup] = await Promise.all([signUp(), signUp()]);
      const [chat, group] = await Promise.allSettled([
        ana.call<{ chatId: string }>('openDirectChat', { otherUid: forChat }),
        ana.call<{ chatId: string }>('createGroup', { name: `Fresh ${round}`, memberIds: [forGroup] }),
      ]);
      expect({ round, chat: chat.status, group: group.status, reason: chat.status === 'rejected' ? String(chat.reason) : group.status === 'rejected' ? String(group.reason) : '' })
        .toEqual({ round, chat: 'fulfilled', group: 'fulfilled', reason: '' });
      // The new person's profile exists now, so every screen can name them.
      expect((await firestore.doc(paths.user(forChat)).get()).get('uid')).toBe(forChat);
    }
    }, 180_000);
});

describe('openDirectChat refusals, each next to the same call allowed', () => {
  it('refuses a chat with yourself, and accepts another user', async () => {
    const error = await callError(ana.call('openDirectChat', { otherUid: 'dm-ana' }));
    expect(error.code).toBe('functions/invalid-argument');
    expect(error.message).toContain('otherUid');
    expect(await callCode(ana.call('openDirectChat', { otherUid: 'dm-cai' }))).toBe('ok');
  });

  it('refuses strict-schema violations with the field named', async () => {
    const error = await callError(ana.call('openDirectChat', { otherUid: 'dm-cai', extra: 1 }));
    expect(error.code).toBe('functions/invalid-argument');
    expect(error.message).toContain("'extra'");
    expect(await callCode(ana.call('openDirectChat', {}))).toBe('functions/invalid-argument');
  });

  it('refuses a user who does not exist', async () => {
    expect(await callCode(ana.call('openDirectChat', { otherUid: 'dm-nobody' }))).toBe('functions/not-found');
  });

  it('refuses when the other side blocked the caller, or the caller blocked them', async () => {
    await block('dm-dev', 'dm-ana');
    expect(await callCode(ana.call('openDirectChat', { otherUid: 'dm-dev' }))).toBe('functions/permission-denied');
    await block('dm-ana', 'dm-eve');
    expect(await callCode(ana.call('openDirectChat', { otherUid: 'dm-eve' }))).toBe('functions/failed-precondition');
    // Neither chat was created.
    expect((await firestore.doc(paths.chat(directChatId('dm-ana', 'dm-dev'))).get()).exists).toBe(false);
    expect((await firestore.doc(paths.chat(directChatId('dm-ana', 'dm-eve'))).get()).exists).toBe(false);
  });

  it('refuses a banned caller, and the signed-out', async () => {
    const fay = await signedInClient('dm-fay');
    const signedOut = anonymousClient();
    try {
      expect(await callCode(fay.call('openDirectChat', { otherUid: 'dm-cai' }))).toBe('ok');
      await ban('dm-fay');
      expect(await callCode(fay.call('openDirectChat', { otherUid: 'dm-ben' }))).toBe('functions/permission-denied');
      expect(await callCode(signedOut.call('openDirectChat', { otherUid: 'dm-ben' }))).toBe('functions/unauthenticated');
    } finally {
      await Promise.all([fay.close(), signedOut.close()]);
    }
  });

  it('neutralises a message from a sender who is not a member, even one written past the rules', async () => {
    const chatId = directChatId('dm-ana', 'dm-ben');
    await firestore.doc(paths.message(chatId, 'forged')).set({ senderId: 'dm-cai', type: 'text', text: 'spam', createdAt: new Date() });
    const message = await docWhen(paths.message(chatId, 'forged'), (data) => data.rejected === true);
    expect(message).toMatchObject({ text: '', deletedForEveryone: true });
    expect(message.seq).toBeUndefined();
  });
});
