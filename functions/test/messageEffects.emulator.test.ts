/**
 * What the message triggers do to a conversation, with the deployed triggers firing for real:
 * edits and deletes of the last message reach the chat list, replies quote the real message,
 * mentions name members only, disappearing chats stamp expiry, forged system messages die.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { chatSchema, paths } from '@natter/model';
import { docWhen, firestore, seedUsers, summarised } from './support/messaging.ts';
import { pushJobIdOf, pushJobSettled } from '../../tests/support/pushJobs.ts';
import { pushesFor, seedDevice } from './fixtures.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { handleCreateGroup } from '../src/chats/createGroup.ts';
import { handleUpdateGroup } from '../src/chats/updateGroup.ts';
import { handleMessageUpdated } from '../src/messaging/handleMessageUpdated.ts';
import { RecordingMembershipMirror } from '../src/lib/rtdb.ts';
import type { AuthedContext } from '../src/lib/callable.ts';

const as = (uid: string): AuthedContext => ({ uid, claims: {}, ip: '127.0.0.1' });
let chatId = '';

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(['fx-ana', 'fx-ben', 'fx-cai', 'fx-out'], { names: { 'fx-ana': 'Ana', 'fx-ben': 'Ben' } });
  await seedDevice('fx-ben', 'phone', 'tok-fx-ben');
  ({ chatId } = await handleCreateGroup({ name: 'Effects', memberIds: ['fx-ben', 'fx-cai'] }, as('fx-ana'), new RecordingMembershipMirror()));
});

/**
 * Writes a message as a client would (Admin SDK: the rules branch owns client-side checks) and
 * returns it once the chat summary covers it: by then the trigger has written its server fields.
 */
async function post(id: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  await firestore.doc(paths.message(chatId, id)).set({ senderId: 'fx-ana', type: 'text', text: id, createdAt: Timestamp.now(), ...fields });
  return (await summarised(chatId, id)).message;
}

async function chat() {
  return chatSchema.parse((await firestore.doc(paths.chat(chatId)).get()).data());
}

describe('edits and deletes reach the chat list', () => {
  it("updates the preview when the chat's last message is edited, and only then", async () => {
    await post('first', { text: 'first words' });
    await post('last', { text: 'last words' });
    await firestore.doc(paths.message(chatId, 'last')).update({ text: 'last words, edited', editedAt: Timestamp.now() });
    await docWhen(paths.chat(chatId), (data) => (data.lastMessage as { preview?: string }).preview === 'last words, edited');

    // Editing an older message leaves the summary alone (run in-process to see the trigger's own count).
    const before = (await firestore.doc(paths.message(chatId, 'first')).get()).data();
    await firestore.doc(paths.message(chatId, 'first')).update({ text: 'first words, edited' });
    const after = (await firestore.doc(paths.message(chatId, 'first')).get()).data();
    expect(await handleMessageUpdated({ chatId, messageId: 'first', eventId: 'evt-old-edit', before, after })).toEqual({ writes: 0 });
    expect((await chat()).lastMessage?.preview).toBe('last words, edited');
  });

  it('shows a deleted last message as deleted and clears what the delete left behind', async () => {
    await firestore.doc(paths.message(chatId, 'last')).update({ deletedForEveryone: true, mentions: ['fx-ben'] });
    const tombstone = await docWhen(paths.message(chatId, 'last'), (data) => data.text === '');
    expect(tombstone).toMatchObject({ deletedForEveryone: true, media: null, replyTo: null, mentions: [] });
    await docWhen(paths.chat(chatId), (data) => (data.lastMessage as { preview?: string }).preview === 'This message was deleted');
    expect((await chat()).lastMessage?.id).toBe('last');
  });

  it('ignores reactions without reading anything', async () => {
    const before = (await firestore.doc(paths.message(chatId, 'first')).get()).data();
    const after = { ...before, reactions: { 'fx-ben': '👍' } };
    expect(await handleMessageUpdated({ chatId, messageId: 'first', eventId: 'evt-reaction', before, after })).toEqual({ writes: 0 });
  });
});

describe('replies, mentions, disappearing chats and forgeries', () => {
  it("snapshots the quoted message, replacing what the client claimed it said", async () => {
    const reply = await post('reply', { replyTo: { messageId: 'first', senderId: 'fx-ben', preview: 'something I never said' } });
    expect(reply.replyTo).toEqual({ messageId: 'first', senderId: 'fx-ana', preview: 'first words, edited' });
    const orphan = await post('orphan', { replyTo: { messageId: 'nope', senderId: 'fx-ben', preview: 'ghost' } });
    expect(orphan.replyTo).toBeNull();
  });

  it('keeps mentions of members only, and hands the message to the push worker once', async () => {
    const mention = await post('mention', { text: '@Ben @Out', mentions: ['fx-ben', 'fx-out', 'fx-ana'] });
    expect(mention.mentions).toEqual(['fx-ben']);
    const job = await pushJobSettled(chatId, 'mention');
    expect(job).toMatchObject({ chatId, status: 'SUCCESS', attempts: 1 });
    // Ben's phone was told once about the window that holds it.
    expect((await pushesFor(job.messageId, chatId)).filter((entry) => entry.token === 'tok-fx-ben')).toHaveLength(1);
  });

  it('stamps expiry on messages in a disappearing chat, from their creation time', async () => {
    await handleUpdateGroup({ chatId, settings: { disappearAfterSeconds: 86_400 } }, as('fx-ana'), new RecordingMembershipMirror());
    expect((await chat()).lastMessage?.preview).toBe('Ana turned on disappearing messages: new messages disappear after 24 hours');
    const message = await post('ephemeral', {});
    const createdAt = (message.createdAt as Timestamp).toMillis();
    expect((message.expiresAt as Timestamp).toMillis()).toBe(createdAt + 86_400_000);
  });

  it('neutralises a system message that did not come from a function', async () => {
    const seq = (await chat()).seq;
    await firestore.doc(paths.message(chatId, 'forged-system')).set({
      senderId: 'fx-ben',
      type: 'system',
      text: 'Ana made Ben an admin',
      createdAt: Timestamp.now(),
      system: { event: 'promoted', actorId: 'fx-ana', targetIds: ['fx-ben'] },
      mentions: Array.from({ length: 50 }, () => 'x'.repeat(2_000)),
      forwarded: true,
    });
    const forged = await docWhen(paths.message(chatId, 'forged-system'), (data) => data.rejected === true);
    // Nothing the client sent survives beyond the tombstone: no system claim, no mentions payload.
    expect(Object.keys(forged).sort()).toEqual(['createdAt', 'deletedForEveryone', 'media', 'rejected', 'senderId', 'text', 'type']);
    expect(forged.text).toBe('');
    expect((await chat()).seq).toBe(seq);
    // A genuine message sent after it gets its push; the forged one is never pushed nor counted.
    await post('after-forged', {});
    const job = await pushJobSettled(chatId, 'after-forged');
    expect(job.messageId).toBe('after-forged');
    expect(await pushesFor('forged-system', chatId)).toEqual([]);
    expect(await pushesFor('after-forged', chatId)).not.toEqual([]);
    // Had the forged one counted, a window holding both would say "2 new messages".
    if ((await pushJobIdOf(chatId, 'forged-system')) === (await pushJobIdOf(chatId, 'after-forged'))) expect(job.messages).toBe(1);
  });

  it("moves no marker for the sender, so a read-receipts-off sender's reading stays private", async () => {
    await firestore.doc(paths.account('fx-cai')).update({ 'settings.readReceipts': false });
    const memberBefore = await firestore.doc(paths.member(chatId, 'fx-cai')).get();
    const { chat: summary } = await summarised(chatId, (await firestore.collection(paths.messages(chatId)).add({ senderId: 'fx-cai', type: 'text', text: 'hi', createdAt: Timestamp.now() })).id);
    expect(summary.lastMessage?.senderId).toBe('fx-cai');
    const memberAfter = await firestore.doc(paths.member(chatId, 'fx-cai')).get();
    expect(memberAfter.updateTime?.isEqual(memberBefore.updateTime!)).toBe(true);
    expect((await firestore.doc(paths.readState('fx-cai', chatId)).get()).exists).toBe(false);
  });

  it('honours read receipts switched off for the very next marker the server writes', async () => {
    // A message moves no marker (the sender's client marks its own reading, under rules that hold
    // the setting); the one marker the server still writes is an actor's, for its own group notice.
    const rename = (name: string) => handleUpdateGroup({ chatId, name }, as('fx-ben'), new RecordingMembershipMirror());
    await rename('Effects, on');
    const shown = (await chat()).seq;
    expect((await firestore.doc(paths.member(chatId, 'fx-ben')).get()).get('readSeq')).toBe(shown);

    await firestore.doc(paths.account('fx-ben')).update({ 'settings.readReceipts': false });
    await rename('Effects, off');
    const hidden = (await chat()).seq;
    expect(hidden).toBeGreaterThan(shown);
    expect((await firestore.doc(paths.readState('fx-ben', chatId)).get()).get('readSeq')).toBe(hidden);
    expect((await firestore.doc(paths.member(chatId, 'fx-ben')).get()).get('readSeq')).toBe(shown);
  });
});
