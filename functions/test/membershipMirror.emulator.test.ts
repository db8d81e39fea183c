/**
 * The RTDB `/chatMembers` mirror through its seam: the callable handlers run in this process
 * against the real Firestore emulator with a recording mirror, and after every step the mirror
 * they would have written equals the membership Firestore holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chatSchema, directChatId, paths } from '@natter/model';
import { firestore, seedUsers } from './support/messaging.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { RecordingMembershipMirror, membershipMirror } from '../src/lib/rtdb.ts';
import { rtdbAvailable } from '../src/lib/realtimeDatabase.ts';
import type { AuthedContext } from '../src/lib/callable.ts';
import { handleAddMembers } from '../src/chats/addMembers.ts';
import { handleCreateGroup } from '../src/chats/createGroup.ts';
import { handleCreateInviteLink } from '../src/chats/createInviteLink.ts';
import { handleJoinByInvite } from '../src/chats/joinByInvite.ts';
import { handleLeaveChat } from '../src/chats/leaveChat.ts';
import { handleOpenDirectChat } from '../src/chats/openDirectChat.ts';
import { handleRemoveMember } from '../src/chats/removeMember.ts';
import { handleSetMemberRole } from '../src/chats/setMemberRole.ts';

const as = (uid: string): AuthedContext => ({ uid, claims: {}, ip: '127.0.0.1' });

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(['mm-ana', 'mm-ben', 'mm-cai', 'mm-dev']);
});

async function firestoreMembers(chatId: string): Promise<string[]> {
  const snap = await firestore.doc(paths.chat(chatId)).get();
  return snap.exists ? [...chatSchema.parse(snap.data()).memberIds].sort() : [];
}

describe('the /chatMembers mirror follows Firestore membership through the seam', () => {
  it('is written by the real RTDB implementation only where a database exists', () => {
    expect(membershipMirror().kind).toBe(rtdbAvailable() ? 'rtdb' : 'recording');
  });

  it('tracks a direct chat and a group through every membership change', async () => {
    const mirror = new RecordingMembershipMirror();
    const expectInStep = async (chatId: string) => expect(mirror.state()[chatId] ?? []).toEqual(await firestoreMembers(chatId));

    const { chatId: direct } = await handleOpenDirectChat({ otherUid: 'mm-ben' }, as('mm-ana'), mirror);
    expect(direct).toBe(directChatId('mm-ana', 'mm-ben'));
    await expectInStep(direct);

    const { chatId } = await handleCreateGroup({ name: 'Seam', memberIds: ['mm-ben'] }, as('mm-ana'), mirror);
    await expectInStep(chatId);
    await handleAddMembers({ chatId, uids: ['mm-cai'] }, as('mm-ana'), mirror);
    await expectInStep(chatId);
    await handleSetMemberRole({ chatId, uid: 'mm-ben', role: 'admin' }, as('mm-ana'), mirror);
    await handleRemoveMember({ chatId, uid: 'mm-cai' }, as('mm-ben'), mirror);
    await expectInStep(chatId);
    const { code } = await handleCreateInviteLink({ chatId }, as('mm-ben'));
    await handleJoinByInvite({ code }, as('mm-dev'), mirror);
    await expectInStep(chatId);
    await handleLeaveChat({ chatId }, as('mm-ana'), mirror);
    await expectInStep(chatId);
    expect(mirror.state()[chatId]).toEqual(['mm-ben', 'mm-dev']);

    await handleLeaveChat({ chatId }, as('mm-ben'), mirror);
    await handleLeaveChat({ chatId }, as('mm-dev'), mirror);
    expect(await firestoreMembers(chatId)).toEqual([]);
    expect(mirror.state()[chatId]).toEqual([]);
  });

  it('re-applies the mirror when a call is retried, so a failed mirror write heals', async () => {
    const mirror = new RecordingMembershipMirror();
    const { chatId } = await handleCreateGroup({ name: 'Retry', memberIds: ['mm-ben'] }, as('mm-ana'), mirror);
    await handleAddMembers({ chatId, uids: ['mm-cai'] }, as('mm-ana'), mirror);
    const calls = mirror.calls.length;
    await handleAddMembers({ chatId, uids: ['mm-cai'] }, as('mm-ana'), mirror);
    expect(mirror.calls.length).toBe(calls + 1);
    expect(mirror.calls.at(-1)).toEqual({ chatId, add: ['mm-cai'], remove: [] });
    await handleRemoveMember({ chatId, uid: 'mm-cai' }, as('mm-ana'), mirror);
    await handleRemoveMember({ chatId, uid: 'mm-cai' }, as('mm-ana'), mirror);
    expect(mirror.calls.at(-1)).toEqual({ chatId, add: [], remove: ['mm-cai'] });
  });

  it('recreates member documents a failed deferred write left missing when the call is retried', async () => {
    const mirror = new RecordingMembershipMirror();
    const { chatId } = await handleCreateGroup({ name: 'Repair', memberIds: ['mm-ben', 'mm-cai'] }, as('mm-ana'), mirror);
    await firestore.doc(paths.member(chatId, 'mm-cai')).delete();
    await handleAddMembers({ chatId, uids: ['mm-cai'] }, as('mm-ana'), mirror);
    const repaired = (await firestore.doc(paths.member(chatId, 'mm-cai')).get()).data();
    expect(repaired).toMatchObject({ uid: 'mm-cai', role: 'member', readSeq: 1 });
  });

  it('writes nothing to the mirror when a change is refused', async () => {
    const mirror = new RecordingMembershipMirror();
    const { chatId } = await handleCreateGroup({ name: 'Refused', memberIds: ['mm-ben'] }, as('mm-ana'), mirror);
    const calls = mirror.calls.length;
    await expect(handleAddMembers({ chatId, uids: ['mm-cai'] }, as('mm-ben'), mirror)).rejects.toMatchObject({ code: 'permission-denied' });
    expect(mirror.calls.length).toBe(calls);
  });
});
