import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Timestamp, type DocumentReference } from 'firebase-admin/firestore';
import { DEFAULT_ACCOUNT_SETTINGS, DEFAULT_CHAT_SETTINGS, accountSchema, directChatId, paths, userProfileSchema, type Chat } from '@natter/model';
import { adminAuth, adminDb, clearAuth, clearFirestore, eventually } from '../../../tests/support/admin.ts';
import { bucketKeys, rateLimitDocId } from '../../../tests/support/authRecords.ts';
import { anonymousClient } from '../../../tests/support/clients.ts';
import { Mailbox } from '../../../tests/support/mailbox.ts';
import { adminRtdb } from '../../../tests/support/rtdb.ts';
import { describeWhen, missingEmulator } from '../../../tests/support/skip.ts';

beforeEach(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
});

async function docData(path: string) {
  return (await adminDb.doc(path).get()).data();
}

async function deletedProfile(uid: string) {
  return eventually(async () => {
    const data = await docData(paths.user(uid));
    return data?.deleted === true ? data : undefined;
  });
}

describe('on user created', () => {
  it('creates the profile (never named from the email) and the private account', async () => {
    const user = await adminAuth.createUser({ email: 'ana.alvarez+work@natter.test' });
    const profile = userProfileSchema.parse(await eventually(() => docData(paths.user(user.uid))));
    expect(profile).toMatchObject({ uid: user.uid, displayName: 'Natter user', displayNameLower: 'natter user', online: false, lastSeenAt: null });
    // The public directory cannot confirm the address: no exact-name search finds its local part.
    const search = await adminDb.collection('users').where('displayNameLower', '==', 'ana.alvarez').get();
    expect(search.size).toBe(0);
    const account = accountSchema.parse(await eventually(() => docData(paths.account(user.uid))));
    expect(account).toMatchObject({ email: 'ana.alvarez+work@natter.test', emailVerified: false, settings: DEFAULT_ACCOUNT_SETTINGS });
  });

  it('leaves a profile written before the trigger ran as it was, still adding the account', async () => {
    await adminDb.doc(paths.user('early')).set({ uid: 'early', displayName: 'Seeded Name' });
    await adminAuth.createUser({ uid: 'early', email: 'early@natter.test' });
    await eventually(() => docData(paths.account('early')));
    expect(await docData(paths.user('early'))).toEqual({ uid: 'early', displayName: 'Seeded Name' });
  });
});

// ---- Deletion ----

const DOOMED = 'doomed';
const EMAIL = 'doomed.person@natter.test';
const GROUP = 'group-g';
const SOLO = 'group-solo';
const DIRECT = directChatId(DOOMED, 'alice');

function chat(over: Partial<Chat>): Chat {
  return {
    type: 'group',
    memberIds: [],
    adminIds: [],
    name: 'G',
    description: '',
    photoURL: null,
    createdBy: 'alice',
    createdAt: Timestamp.now(),
    lastMessage: null,
    lastMessageAt: null,
    seq: 0,
    settings: DEFAULT_CHAT_SETTINGS,
    ...over,
  };
}

function member(uid: string, role: 'admin' | 'member') {
  return { uid, role, joinedAt: Timestamp.now(), addedBy: null, readSeq: 0, deliveredSeq: 0, mutedUntil: null, archived: false, pinned: false };
}

async function seedWorld(): Promise<void> {
  for (const [uid, email, displayName] of [[DOOMED, EMAIL, 'Doomed Person'], ['alice', 'alice@natter.test', 'Alice'], ['bob', 'bob@natter.test', 'Bob']] as const) {
    await adminAuth.createUser({ uid, email, emailVerified: true, displayName });
    await eventually(() => docData(paths.account(uid)));
  }
  const now = Timestamp.now();
  const writes: [string, Record<string, unknown>][] = [
    [paths.device(DOOMED, 'web-1'), { token: 'fcm-token-of-doomed', platform: 'web', updatedAt: now }],
    [paths.block(DOOMED, 'bob'), { createdAt: now }],
    [paths.block('alice', DOOMED), { createdAt: now }],
    [paths.readState(DOOMED, GROUP), { readSeq: 0, updatedAt: now }],
    [paths.chat(GROUP), chat({ memberIds: [DOOMED, 'alice', 'bob'], adminIds: [DOOMED] })],
    [paths.member(GROUP, DOOMED), member(DOOMED, 'admin')],
    [paths.member(GROUP, 'alice'), member('alice', 'member')],
    [paths.member(GROUP, 'bob'), member('bob', 'member')],
    [paths.chat(DIRECT), chat({ type: 'direct', name: null, memberIds: ['alice', DOOMED] })],
    [paths.member(DIRECT, DOOMED), member(DOOMED, 'member')],
    [paths.member(DIRECT, 'alice'), member('alice', 'member')],
    [paths.chat(SOLO), chat({ memberIds: [DOOMED], adminIds: [DOOMED] })],
    [paths.member(SOLO, DOOMED), member(DOOMED, 'admin')],
    [paths.scheduledMessage('s1'), { senderId: DOOMED, chatId: GROUP, text: 'later', sendAt: now, status: 'pending' }],
  ];
  for (const [path, data] of writes) await adminDb.doc(path).set(data);
  const photo = { path: `chats/${GROUP}/m-photo/flat.jpg`, contentType: 'image/jpeg', size: 1000, name: 'flat.jpg' };
  const messages: [string, string, Record<string, unknown>][] = [
    [GROUP, 'm-text', { senderId: DOOMED, type: 'text', text: 'see you saturday' }],
    [GROUP, 'm-photo', { senderId: DOOMED, type: 'image', text: 'my flat', media: photo }],
    [GROUP, 'm-alice', { senderId: 'alice', type: 'text', text: 'great' }],
    [DIRECT, 'd-1', { senderId: DOOMED, type: 'text', text: 'hi alice' }],
    [SOLO, 'solo-1', { senderId: DOOMED, type: 'text', text: 'note to self' }],
  ];
  for (const [chatId, id, data] of messages) await adminDb.doc(paths.message(chatId, id)).set({ ...data, createdAt: Timestamp.now() });
  // Let the message trigger sequence everything before a deletion starts.
  await eventually(async () => ((await docData(paths.chat(GROUP)))?.seq === 3 ? true : undefined));
  await eventually(async () => ((await docData(paths.chat(DIRECT)))?.seq === 1 ? true : undefined));
}

/** Every document in the database with its path, walking all collections. */
async function allDocuments(): Promise<{ path: string; data: Record<string, unknown> }[]> {
  const out: { path: string; data: Record<string, unknown> }[] = [];
  async function walk(refs: DocumentReference[]) {
    for (const ref of refs) {
      const snap = await ref.get();
      if (snap.exists) out.push({ path: ref.path, data: snap.data() ?? {} });
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  }
  for (const collection of await adminDb.listCollections()) await walk(await collection.listDocuments());
  return out;
}

describe('on user deleted', () => {
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await Mailbox.start();
  });
  afterAll(async () => {
    await mailbox.close();
  });

  it('leaves nothing personal: only the "Deleted account" tombstone and their messages name them', async () => {
    await seedWorld();
    const client = anonymousClient();
    await client.call('requestEmailCode', { email: EMAIL });
    await client.close();
    expect((await adminDb.collection('authCodes').get()).size).toBe(1);

    await adminAuth.deleteUser(DOOMED);
    const tombstone = await deletedProfile(DOOMED);

    // The profile is a tombstone and everything under it is gone.
    expect(userProfileSchema.parse(tombstone)).toMatchObject({ uid: DOOMED, displayName: 'Deleted account', photoURL: null, about: '', deleted: true });
    expect(await adminDb.doc(paths.user(DOOMED)).listCollections()).toEqual([]);
    expect(await docData(paths.block('alice', DOOMED))).toBeUndefined();
    expect(await docData(paths.scheduledMessage('s1'))).toBeUndefined();
    expect((await adminDb.collection('authCodes').get()).size).toBe(0);
    expect(await docData(paths.rateLimit(rateLimitDocId(bucketKeys.email(EMAIL))))).toBeUndefined();

    // The group lost them, gained an admin and a notice; their text stays, their photo is gone.
    expect(await docData(paths.chat(GROUP))).toMatchObject({ memberIds: ['alice', 'bob'], adminIds: ['alice'] });
    expect(await docData(paths.member(GROUP, DOOMED))).toBeUndefined();
    expect(await docData(paths.member(GROUP, 'alice'))).toMatchObject({ role: 'admin' });
    const notices = (await adminDb.collection(paths.messages(GROUP)).where('type', '==', 'system').get()).docs.map((d) => d.data());
    expect(notices).toMatchObject([{ senderId: DOOMED, text: 'Deleted account left', system: { event: 'account_deleted', actorId: DOOMED } }]);
    expect(await docData(paths.message(GROUP, 'm-text'))).toMatchObject({ senderId: DOOMED, text: 'see you saturday' });
    expect(await docData(paths.message(GROUP, 'm-photo'))).toMatchObject({ media: null, text: '', deletedForEveryone: true });

    // The direct chat stays for alice; the chat only they were in is gone with its messages.
    expect(await docData(paths.chat(DIRECT))).toMatchObject({ memberIds: ['alice'], adminIds: [] });
    expect(await docData(paths.member(DIRECT, DOOMED))).toBeUndefined();
    expect(await docData(paths.chat(SOLO))).toBeUndefined();
    expect((await adminDb.collection(paths.messages(SOLO)).get()).size).toBe(0);

    // Nowhere does the address, the name they had or their device token remain; their uid appears
    // only as a message sender (or in a notice / chat summary about them) and in the tombstone.
    const everything = await allDocuments();
    expect(everything.length).toBeGreaterThan(15);
    for (const { path, data } of everything) {
      const text = JSON.stringify({ path, data });
      expect(text, path).not.toContain(EMAIL);
      expect(text, path).not.toContain('doomed.person');
      expect(text, path).not.toContain('Doomed Person');
      expect(text, path).not.toContain('fcm-token-of-doomed');
      const tombstoneFields = { senderId: null, system: null, lastMessage: null, ...(path === paths.user(DOOMED) ? { uid: null } : {}) };
      expect(JSON.stringify({ ...data, ...tombstoneFields }), path).not.toContain(DOOMED);
    }
  });

  it('keeps everyone else as they were (the control)', async () => {
    await seedWorld();
    await adminAuth.deleteUser('bob');
    await deletedProfile('bob');
    expect(await docData(paths.user(DOOMED))).toMatchObject({ displayName: 'Doomed Person' });
    expect(await docData(paths.account(DOOMED))).toMatchObject({ email: EMAIL });
    expect(await docData(paths.chat(GROUP))).toMatchObject({ memberIds: [DOOMED, 'alice'], adminIds: [DOOMED] });
    expect(await docData(paths.message(GROUP, 'm-photo'))).toMatchObject({ media: { name: 'flat.jpg' } });
    // Bob shared a chat with doomed, so the block doomed held against bob went with bob.
    expect(await docData(paths.block(DOOMED, 'bob'))).toBeUndefined();
    expect(await docData(paths.block('alice', DOOMED))).toMatchObject({ createdAt: expect.anything() as unknown });
    expect(await docData(paths.device(DOOMED, 'web-1'))).toMatchObject({ token: 'fcm-token-of-doomed' });
  });
});

describeWhen(missingEmulator('database'), 'on user deleted: Realtime Database entries', () => {
  it('removes presence, typing, the open chat and the membership mirror of the deleted user only', async () => {
    await adminAuth.createUser({ uid: 'gone', email: 'gone@natter.test' });
    await adminDb.doc(paths.chat(GROUP)).set(chat({ memberIds: ['gone', 'alice'], adminIds: ['alice'] }));
    await adminRtdb().ref().update({
      'status/gone': { state: 'online', lastChanged: 1 },
      'status/alice': { state: 'online', lastChanged: 1 },
      'viewing/gone': { chatId: GROUP, since: 1 },
      'viewing/alice': { chatId: GROUP, since: 1 },
      [`typing/${GROUP}/gone`]: 1,
      [`chatMembers/${GROUP}/gone`]: true,
      [`chatMembers/${GROUP}/alice`]: true,
    });
    await adminAuth.deleteUser('gone');
    await deletedProfile('gone');
    const tree = (await adminRtdb().ref().get()).val() as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(tree)).not.toContain('gone');
    expect(tree.status?.alice).toEqual({ state: 'online', lastChanged: 1 });
    expect(tree.viewing?.alice).toEqual({ chatId: GROUP, since: 1 });
    expect(tree.chatMembers?.[GROUP]).toEqual({ alice: true });
  });
});
