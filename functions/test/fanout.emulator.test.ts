/**
 * The message path under load and its cost: 100 messages at once from 5 senders, and the document
 * writes one text message costs in a 2-member chat and in a 1,024-member group (must be equal: 2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, doc, serverTimestamp, setDoc } from 'firebase/firestore';
import {
  COLLECTIONS,
  MAX_GROUP_MEMBERS,
  chatSchema,
  compareMessages,
  orderTimeMs,
  memberSchema,
  messageSchema,
  paths,
  pushOutboxEntrySchema,
  unreadCount,
  type Member,
} from '@natter/model';
import { docWhen, documentTimes, firestore, seedUsers, writesBetween } from './support/messaging.ts';
import { pushJobSettled } from '../../tests/support/pushJobs.ts';
import { seedDevice } from './fixtures.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';

const sessions: ClientSession[] = [];

beforeAll(async () => {
  await clearFirestore();
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

async function session(uid: string): Promise<ClientSession> {
  const client = await signedInClient(uid);
  sessions.push(client);
  return client;
}

async function send(client: ClientSession, chatId: string, text: string): Promise<string> {
  const ref = doc(collection(client.db, paths.messages(chatId)));
  await setDoc(ref, { senderId: client.uid, type: 'text', text, createdAt: serverTimestamp() });
  return ref.id;
}

async function members(chatId: string): Promise<Record<string, Member>> {
  const snap = await firestore.collection(paths.members(chatId)).get();
  return Object.fromEntries(snap.docs.map((d) => [d.id, memberSchema.parse(d.data())]));
}

describe('100 messages written concurrently into one chat by 5 senders', () => {
  it('are counted once each in the summary, folded into one push per window, and exact unread counts for every member', async () => {
    const senders = ['ld-s1', 'ld-s2', 'ld-s3', 'ld-s4', 'ld-s5'];
    const reader = 'ld-reader';
    await seedUsers([...senders, reader]);
    await seedDevice(reader, 'phone', 'tok-ld-reader');
    const owner = await session('ld-s1');
    const { chatId } = await owner.call<{ chatId: string }>('createGroup', { name: 'Load', memberIds: [...senders.slice(1), reader] });
    const clients = [owner, ...(await Promise.all(senders.slice(1).map((uid) => session(uid))))];

    const sent = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const client = clients[i % clients.length]!;
        return send(client, chatId, `message ${i}`).then((id) => ({ id, senderId: client.uid! }));
      }),
    );
    // The "created" system message is 1; the 100 texts bring the count to 101.
    await docWhen(paths.chat(chatId), (data) => data.seq === 101, 280_000);

    const messages = await firestore.collection(paths.messages(chatId)).get();
    const texts = messages.docs.map((d) => ({ id: d.id, message: messageSchema.parse(d.data()) })).filter((m) => m.message.type === 'text');
    expect(texts).toHaveLength(100);
    expect(new Set(texts.map((m) => m.id))).toEqual(new Set(sent.map((m) => m.id)));
    // No message was rewritten to carry a number: order is (createdAt, id) for every reader.
    expect(texts.filter((m) => m.message.seq !== undefined)).toEqual([]);
    const ordered = [...texts].sort((a, b) => compareMessages(
      { id: a.id, createdAtMs: orderTimeMs(a.message.createdAt) },
      { id: b.id, createdAtMs: orderTimeMs(b.message.createdAt) },
    ));

    const chat = chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
    expect(chat.lastMessage).toMatchObject({ id: ordered.at(-1)!.id, seq: 101 });

    // Every text message was pushed in the job of its window, and each job told the reader's phone
    // once how many it folded: 100 in all, in far fewer pushes than messages.
    const jobs = await Promise.all(sent.map(({ id }) => pushJobSettled(chatId, id, 120_000)));
    const byWindow = new Map(jobs.map((job) => [job.window, job]));
    expect((await firestore.collection('jobs').where('chatId', '==', chatId).get()).size).toBe(byWindow.size);
    expect([...byWindow.values()].reduce((sum, job) => sum + job.messages, 0)).toBe(100);
    const pushes = (await firestore.collection(COLLECTIONS.pushOutbox).where('token', '==', 'tok-ld-reader').get()).docs.map((d) => pushOutboxEntrySchema.parse(d.data()));
    expect(pushes).toHaveLength(byWindow.size);
    expect(pushes.reduce((sum, p) => sum + Number((p.request.data as Record<string, string>).count), 0)).toBe(100);
    expect(pushes.length).toBeLessThan(100);

    // Nobody moved a marker (the senders' clients would, debounced): every member has all 100
    // texts unread on top of what they had after the group was created.
    const marks = await members(chatId);
    expect(unreadCount(chat.seq, marks[reader])).toBe(101);
    for (const uid of senders.slice(1)) expect([uid, unreadCount(chat.seq, marks[uid])]).toEqual([uid, 101]);
    expect(unreadCount(chat.seq, marks['ld-s1'])).toBe(100);
  }, 300_000);
});

describe('writes per text message do not grow with group size', () => {
  const figures: Record<string, number> = {};

  async function measure(label: string, sender: ClientSession, chatId: string): Promise<void> {
    const seq = chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data()).seq;
    const before = await documentTimes();
    const id = await send(sender, chatId, `cost probe for ${label}`);
    await docWhen(paths.chat(chatId), (data) => data.seq === seq + 1);
    // The push worker's job document is the last thing the message causes (one member has a phone).
    await pushJobSettled(chatId, id);
    const after = await documentTimes();
    const isJob = (path: string) => path.startsWith(`${COLLECTIONS.jobs}/`);
    // `pushOutbox` is the local stand-in for FCM (what would be sent), not a Firestore write in production.
    const only = (times: typeof after, keep: boolean) =>
      new Map([...times].filter(([path]) => !path.startsWith(`${COLLECTIONS.pushOutbox}/`) && isJob(path) === keep));
    const message = writesBetween(only(before, false), only(after, false));
    const push = writesBetween(only(before, true), only(after, true));
    figures[label] = message.writes;
    figures[`${label}, push`] = push.writes;
    console.log(`writes per text message, ${label}: ${message.writes} (${message.documents.join(', ')}) + push ${push.writes} (${push.documents.join(', ')})`);
    // The client's create and the chat summary (the first message after a quiet spell); the trigger
    // does not rewrite the message or move anyone's marker.
    expect(message.documents).toEqual([paths.chat(chatId), paths.message(chatId, id)]);
    // The worker's one state document, created with the lease and then checkpointed once (one FCM batch).
    expect(push.documents).toEqual([expect.stringMatching(/^jobs\/push-[0-9a-f]+$/) as unknown as string]);
    expect(push.writes).toBe(2);
  }

  it('costs 2 writes in a 2-member chat, plus the push job', async () => {
    await seedUsers(['cost-a', 'cost-b']);
    await seedDevice('cost-b', 'phone', 'tok-cost-b');
    const a = await session('cost-a');
    const { chatId } = await a.call<{ chatId: string }>('openDirectChat', { otherUid: 'cost-b' });
    await measure('2 members', a, chatId);
    expect(figures['2 members']).toBe(2);
  });

  it('creates a 1,024-member group and costs the same 2 writes in it, plus the push job', async () => {
    const others = Array.from({ length: MAX_GROUP_MEMBERS - 1 }, (_, i) => `big-${String(i).padStart(4, '0')}`);
    await seedUsers(['big-owner', ...others]);
    await seedDevice('big-0000', 'phone', 'tok-big-0000');
    const owner = await session('big-owner');

    const before = await documentTimes();
    const { chatId } = await owner.call<{ chatId: string }>('createGroup', { name: 'Everyone', memberIds: others });
    const created = writesBetween(before, await documentTimes());
    console.log(`createGroup with ${MAX_GROUP_MEMBERS} members: ${created.writes} writes`);
    // The chat, 1,024 member documents and the "created" system message.
    expect(created.writes).toBe(1 + MAX_GROUP_MEMBERS + 1);
    const chat = chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
    expect(chat.memberIds).toHaveLength(MAX_GROUP_MEMBERS);
    expect((await firestore.collection(paths.members(chatId)).count().get()).data().count).toBe(MAX_GROUP_MEMBERS);
    expect(chat.lastMessage?.preview).toBe('Big-owner created group "Everyone"');

    await measure('1024 members', owner, chatId);
    expect(figures['1024 members']).toBe(figures['2 members']);
    expect(figures['1024 members, push']).toBe(figures['2 members, push']);

    // The group is full: one more is refused with the precise code, and nothing changes.
    await seedUsers(['big-extra']);
    await expect(owner.call('addMembers', { chatId, uids: ['big-extra'] })).rejects.toMatchObject({ code: 'functions/resource-exhausted' });
    expect(chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data()).memberIds).toHaveLength(MAX_GROUP_MEMBERS);
  });
});
