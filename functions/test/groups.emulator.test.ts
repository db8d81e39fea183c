import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doc, getDoc } from 'firebase/firestore';
import {
  chatSchema,
  memberSchema,
  messageSchema,
  paths,
  unreadCount,
  type Chat,
  type Message,
} from '@natter/model';
import { ban, block, callCode, callError, firestore, seedUsers } from './support/messaging.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';

const NAMES = { 'gr-ana': 'Ana', 'gr-ben': 'Ben', 'gr-cai': 'Cai', 'gr-dev': 'Dev', 'gr-eve': 'Eve', 'gr-fay': 'Fay' };
let ana: ClientSession;
let ben: ClientSession;
let cai: ClientSession;
let dev: ClientSession;
let eve: ClientSession;

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(Object.keys(NAMES), { names: NAMES });
  [ana, ben, cai, dev, eve] = await Promise.all([
    signedInClient('gr-ana'),
    signedInClient('gr-ben'),
    signedInClient('gr-cai'),
    signedInClient('gr-dev'),
    signedInClient('gr-eve'),
  ]);
});

afterAll(async () => {
  await Promise.all([ana, ben, cai, dev, eve].map((session) => session.close()));
});

async function chatOf(chatId: string): Promise<Chat> {
  return chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
}

async function membersOf(chatId: string) {
  const snap = await firestore.collection(paths.members(chatId)).get();
  return Object.fromEntries(snap.docs.map((d) => [d.id, memberSchema.parse(d.data())]));
}

async function systemLog(chatId: string): Promise<Message[]> {
  const snap = await firestore.collection(paths.messages(chatId)).orderBy('seq').get();
  return snap.docs.map((d) => messageSchema.parse(d.data()));
}

describe('a group of three through its whole life (callables from client sessions)', () => {
  let chatId = '';
  let firstCode = '';

  it('is created by Ana with Ben: Ana is the admin, one "created" message, Ben has it unread', async () => {
    ({ chatId } = await ana.call<{ chatId: string }>('createGroup', { name: 'Weekend', memberIds: ['gr-ben'], description: 'Plans' }));
    const chat = await chatOf(chatId);
    expect(chat).toMatchObject({ type: 'group', memberIds: ['gr-ana', 'gr-ben'], adminIds: ['gr-ana'], name: 'Weekend', description: 'Plans', createdBy: 'gr-ana', seq: 1 });
    expect(chat.lastMessage).toMatchObject({ type: 'system', preview: 'Ana created group "Weekend"', seq: 1 });
    const members = await membersOf(chatId);
    expect(members['gr-ana']).toMatchObject({ role: 'admin', addedBy: null, readSeq: 1 });
    expect(members['gr-ben']).toMatchObject({ role: 'member', addedBy: 'gr-ana', readSeq: 0 });
    expect(unreadCount(chat.seq, members['gr-ben'])).toBe(1);
    expect(unreadCount(chat.seq, members['gr-ana'])).toBe(0);
  });

  it('lets only the admin add Cai, and a repeated add changes nothing', async () => {
    expect(await callCode(ben.call('addMembers', { chatId, uids: ['gr-cai'] }))).toBe('functions/permission-denied');
    await ana.call('addMembers', { chatId, uids: ['gr-cai'] });
    await ana.call('addMembers', { chatId, uids: ['gr-cai', 'gr-ben'] });
    const chat = await chatOf(chatId);
    expect(chat.memberIds).toEqual(['gr-ana', 'gr-ben', 'gr-cai']);
    expect(chat.seq).toBe(2);
    const members = await membersOf(chatId);
    // Cai joins at the message announcing him: history before it is not unread for him.
    expect(members['gr-cai']).toMatchObject({ role: 'member', addedBy: 'gr-ana', readSeq: 1 });
    expect(unreadCount(chat.seq, members['gr-cai'])).toBe(1);
    expect(unreadCount(chat.seq, members['gr-ben'])).toBe(2);
  });

  it('promotes Ben, who can then remove Cai; Cai loses access at once', async () => {
    expect(await callCode(cai.call('setMemberRole', { chatId, uid: 'gr-cai', role: 'admin' }))).toBe('functions/permission-denied');
    await ana.call('setMemberRole', { chatId, uid: 'gr-ben', role: 'admin' });
    expect((await chatOf(chatId)).adminIds).toEqual(['gr-ana', 'gr-ben']);
    expect((await membersOf(chatId))['gr-ben']?.role).toBe('admin');

    expect(await callCode(getDoc(doc(cai.db, paths.chat(chatId))))).toBe('ok');
    await ben.call('removeMember', { chatId, uid: 'gr-cai' });
    const chat = await chatOf(chatId);
    expect(chat.memberIds).toEqual(['gr-ana', 'gr-ben']);
    expect(Object.keys(await membersOf(chatId))).toEqual(['gr-ana', 'gr-ben']);
    const denied = await getDoc(doc(cai.db, paths.chat(chatId))).then(() => 'ok', (error: { code?: string }) => error.code);
    expect(denied).toBe('permission-denied');
  });

  it('lets Ana leave; Ben is still an admin, so nobody is promoted', async () => {
    await ana.call('leaveChat', { chatId });
    // Again: she is a non-member now, answered as for a chat that does not exist.
    expect(await callCode(ana.call('leaveChat', { chatId }))).toBe('functions/not-found');
    const chat = await chatOf(chatId);
    expect(chat.memberIds).toEqual(['gr-ben']);
    expect(chat.adminIds).toEqual(['gr-ben']);
    expect(chat.lastMessage?.preview).toBe('Ana left');
  });

  it('brings Dev in through an invite link, which only admins manage; Cai, removed by an admin, needs an admin', async () => {
    expect(await callCode(cai.call('createInviteLink', { chatId }))).toBe('functions/not-found');
    const link = await ben.call<{ code: string; url: string }>('createInviteLink', { chatId });
    firstCode = link.code;
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.url).toMatch(new RegExp(`/join/${link.code}$`));
    expect(await ben.call('createInviteLink', { chatId })).toEqual(link); // the active link is reused

    // Ben removed Cai: the link does not bring him back, and writes nothing.
    const seqBefore = (await chatOf(chatId)).seq;
    expect(await callCode(cai.call('joinByInvite', { code: link.code }))).toBe('functions/permission-denied');
    expect(await chatOf(chatId)).toMatchObject({ memberIds: ['gr-ben'], seq: seqBefore });
    // Ana left by herself: the same link lets her back (positive control), then she leaves again.
    expect(await ana.call('joinByInvite', { code: link.code })).toEqual({ chatId });
    await ana.call('leaveChat', { chatId });
    // An admin adding Cai back lifts the bar.
    await ben.call('addMembers', { chatId, uids: ['gr-cai'] });
    expect((await firestore.doc(paths.removal(chatId, 'gr-cai')).get()).exists).toBe(false);
    expect(await cai.call('joinByInvite', { code: link.code })).toEqual({ chatId }); // already in: same answer
    expect(await dev.call('joinByInvite', { code: link.code })).toEqual({ chatId });
    expect(await dev.call('joinByInvite', { code: link.code })).toEqual({ chatId }); // already in: same answer
    const chat = await chatOf(chatId);
    expect(chat.memberIds).toEqual(['gr-ben', 'gr-cai', 'gr-dev']);
    const members = await membersOf(chatId);
    // A joiner has read everything up to their own "joined" message.
    expect(members['gr-dev']).toMatchObject({ role: 'member', addedBy: 'gr-ben', readSeq: chat.seq });
    // Cai was added back, so his marker stops before "Ben added Cai": that and Dev's join are unread.
    expect(unreadCount(chat.seq, members['gr-cai'])).toBe(2);
  });

  it('revokes the link: it stops working, and the next link is a new one', async () => {
    expect(await callCode(cai.call('revokeInviteLink', { chatId }))).toBe('functions/permission-denied');
    await ben.call('revokeInviteLink', { chatId });
    expect(await callCode(eve.call('joinByInvite', { code: firstCode }))).toBe('functions/not-found');
    const next = await ben.call<{ code: string }>('createInviteLink', { chatId });
    expect(next.code).not.toBe(firstCode);
    expect((await chatOf(chatId)).memberIds).not.toContain('gr-eve');
  });

  it('promotes the longest-standing member when the last admin leaves', async () => {
    await ben.call('leaveChat', { chatId });
    const chat = await chatOf(chatId);
    expect(chat.memberIds).toEqual(['gr-cai', 'gr-dev']);
    expect(chat.adminIds).toEqual(['gr-cai']);
    expect((await membersOf(chatId))['gr-cai']?.role).toBe('admin');
  });

  it('kept a readable history of system messages, sequenced once, with no push jobs', async () => {
    const log = await systemLog(chatId);
    expect(log.map((m) => m.text)).toEqual([
      'Ana created group "Weekend"',
      'Ana added Cai',
      'Ana made Ben an admin',
      'Ben removed Cai',
      'Ana left',
      "Ana joined using this group's invite link",
      'Ana left',
      'Ben added Cai',
      "Dev joined using this group's invite link",
      'Ben left',
      'Cai is now an admin',
    ]);
    expect(log.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(log.every((m) => m.type === 'system' && m.system !== undefined)).toBe(true);
    expect(log[1]?.system).toEqual({ event: 'added', actorId: 'gr-ana', targetIds: ['gr-cai'] });
    expect((await chatOf(chatId)).seq).toBe(11);
    expect((await firestore.collection('jobs').where('chatId', '==', chatId).get()).size).toBe(0);
  });

  it('follows onlyAdminsCanEditInfo, and leaves settings to admins', async () => {
    expect(await callCode(dev.call('updateGroup', { chatId, name: 'Dev was here' }))).toBe('ok');
    expect(await callCode(dev.call('updateGroup', { chatId, settings: { onlyAdminsCanEditInfo: true } }))).toBe('functions/permission-denied');
    await cai.call('updateGroup', { chatId, settings: { onlyAdminsCanEditInfo: true } });
    expect(await callCode(dev.call('updateGroup', { chatId, name: 'Again' }))).toBe('functions/permission-denied');
    expect(await callCode(cai.call('updateGroup', { chatId, name: 'Sunday hike' }))).toBe('ok');
    const chat = await chatOf(chatId);
    expect(chat.name).toBe('Sunday hike');
    expect(chat.settings.onlyAdminsCanEditInfo).toBe(true);
    expect(chat.lastMessage?.preview).toBe('Cai changed the group name to "Sunday hike"');
    const before = chat.seq;
    await cai.call('updateGroup', { chatId, name: 'Sunday hike' });
    expect((await chatOf(chatId)).seq).toBe(before); // nothing changed, nothing posted
  });

  it('deletes the group, messages and all, when its last member leaves', async () => {
    await cai.call('leaveChat', { chatId });
    await dev.call('leaveChat', { chatId });
    expect((await firestore.doc(paths.chat(chatId)).get()).exists).toBe(false);
    expect((await firestore.collection(paths.messages(chatId)).get()).size).toBe(0);
    expect(await callCode(dev.call('leaveChat', { chatId }))).toBe('functions/not-found');
  });
});

describe('group callable refusals, each next to the same call allowed', () => {
  it('refuses adding someone who blocked the admin, or who does not exist', async () => {
    const { chatId } = await ana.call<{ chatId: string }>('createGroup', { name: 'Blocks', memberIds: [] });
    await block('gr-fay', 'gr-ana');
    expect(await callCode(ana.call('addMembers', { chatId, uids: ['gr-fay'] }))).toBe('functions/permission-denied');
    expect(await callCode(ana.call('addMembers', { chatId, uids: ['gr-ghost'] }))).toBe('functions/not-found');
    expect(await callCode(ana.call('addMembers', { chatId, uids: ['gr-eve'] }))).toBe('ok');
    expect((await chatOf(chatId)).memberIds).toEqual(['gr-ana', 'gr-eve']);
    expect(await callCode(ana.call('createGroup', { name: 'Blocked', memberIds: ['gr-fay'] }))).toBe('functions/permission-denied');
  });

  it('names the bad field, and writes nothing', async () => {
    const chatsBefore = (await firestore.collection('chats').get()).size;
    const long = await callError(ana.call('createGroup', { name: 'x'.repeat(101), memberIds: [] }));
    expect(long.code).toBe('functions/invalid-argument');
    expect(long.message).toContain("'name'");
    const wrongType = await callError(ana.call('createGroup', { name: 'Ok', memberIds: 'gr-ben' }));
    expect(wrongType.message).toContain("'memberIds'");
    const role = await callError(ana.call('setMemberRole', { chatId: 'x', uid: 'gr-ben', role: 'owner' }));
    expect(role.message).toContain("'role'");
    expect((await firestore.collection('chats').get()).size).toBe(chatsBefore);
  });

  it('refuses group operations on a direct chat and on chats that do not exist', async () => {
    const { chatId } = await ana.call<{ chatId: string }>('openDirectChat', { otherUid: 'gr-ben' });
    expect(await callCode(ana.call('addMembers', { chatId, uids: ['gr-cai'] }))).toBe('functions/failed-precondition');
    expect(await callCode(ana.call('leaveChat', { chatId }))).toBe('functions/failed-precondition');
    expect(await callCode(ana.call('createInviteLink', { chatId }))).toBe('functions/failed-precondition');
    expect(await callCode(ana.call('updateGroup', { chatId: 'no-such-chat', name: 'X' }))).toBe('functions/not-found');
    expect(await callCode(ana.call('joinByInvite', { code: 'no-such-code' }))).toBe('functions/not-found');
  });

  it('refuses adding a suspended user, naming the field, and writes nothing', async () => {
    const { chatId } = await ana.call<{ chatId: string }>('createGroup', { name: 'Suspensions', memberIds: [] });
    await ban('gr-dev');
    const added = await callError(ana.call('addMembers', { chatId, uids: ['gr-dev'] }));
    expect(added.code).toBe('functions/failed-precondition');
    expect(added.message).toContain("Field 'uids'");
    const created = await callError(ana.call('createGroup', { name: 'With Dev', memberIds: ['gr-dev'] }));
    expect(created.message).toContain("Field 'memberIds'");
    expect((await chatOf(chatId)).memberIds).toEqual(['gr-ana']);
    // Positive control: once the ban is lifted the same call works.
    await firestore.doc(paths.ban('gr-dev')).delete();
    expect(await callCode(ana.call('addMembers', { chatId, uids: ['gr-dev'] }))).toBe('ok');
  });

  it('answers a stranger alike whether or not a chat exists, so chat ids cannot be probed', async () => {
    const { chatId: directId } = await ana.call<{ chatId: string }>('openDirectChat', { otherUid: 'gr-ben' });
    const { chatId: groupId } = await ana.call<{ chatId: string }>('createGroup', { name: 'Private', memberIds: ['gr-ben'] });
    const missingDirect = ['gr-ana', 'gr-zed'].sort().join('_');
    const probes: [string, (chatId: string) => unknown][] = [
      ['createInviteLink', (chatId) => ({ chatId })],
      ['revokeInviteLink', (chatId) => ({ chatId })],
      ['leaveChat', (chatId) => ({ chatId })],
      ['updateGroup', (chatId) => ({ chatId, name: 'Mine' })],
      ['addMembers', (chatId) => ({ chatId, uids: ['gr-cai'] })],
      ['removeMember', (chatId) => ({ chatId, uid: 'gr-ben' })],
      ['setMemberRole', (chatId) => ({ chatId, uid: 'gr-ben', role: 'admin' })],
    ];
    for (const [name, data] of probes) {
      const answers = [];
      for (const chatId of [directId, groupId, missingDirect, 'no-such-group']) {
        const error = await callError(cai.call(name, data(chatId)));
        answers.push(`${error.code}: ${error.message}`);
      }
      expect(new Set(answers).size, `${name}: ${answers.join(' | ')}`).toBe(1);
      expect(answers[0]).toMatch(/^functions\/not-found/);
    }
    // Positive control: a member of the direct chat learns it is not a group.
    expect(await callCode(ana.call('createInviteLink', { chatId: directId }))).toBe('functions/failed-precondition');
  });

  it('refuses every mutating callable to a banned user', async () => {
    const { chatId } = await eve.call<{ chatId: string }>('createGroup', { name: 'Before the ban', memberIds: ['gr-ben'] });
    const { code } = await eve.call<{ code: string }>('createInviteLink', { chatId });
    await ban('gr-eve');
    const calls: [string, unknown][] = [
      ['createGroup', { name: 'After', memberIds: [] }],
      ['updateGroup', { chatId, name: 'Renamed' }],
      ['addMembers', { chatId, uids: ['gr-cai'] }],
      ['removeMember', { chatId, uid: 'gr-ben' }],
      ['setMemberRole', { chatId, uid: 'gr-ben', role: 'admin' }],
      ['createInviteLink', { chatId }],
      ['revokeInviteLink', { chatId }],
      ['joinByInvite', { code }],
      ['leaveChat', { chatId }],
      ['openDirectChat', { otherUid: 'gr-ben' }],
    ];
    for (const [name, data] of calls) expect([name, await callCode(eve.call(name, data))]).toEqual([name, 'functions/permission-denied']);
    expect((await chatOf(chatId)).memberIds).toEqual(['gr-eve', 'gr-ben']);
    // Positive control: the same join by someone not banned works.
    expect(await callCode(cai.call('joinByInvite', { code }))).toBe('ok');
  });
});
