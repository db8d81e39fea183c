/**
 * Polls end to end on the emulators, under the real rules: a member starts one with the client
 * SDK, 200 members of a 1,024-member group vote at once (each vote one write of their own
 * document, no function touching anything), change and retract; deleting the poll for everyone,
 * its expiry and the voter's account deletion take the votes with them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { doc, serverTimestamp, setDoc, updateDoc } from 'firebase/firestore';
import {
  MAX_GROUP_MEMBERS,
  POLL_DELETED_FOR_EVERYONE,
  paths,
  pollVoteSchema,
  tallyPoll,
  type Poll,
} from '@natter/model';
import { docWhen, firestore, seedUsers, summarised } from './support/messaging.ts';
import { adminAuth, clearFirestore, eventually } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { writeAs } from '../../tests/support/restAs.ts';
import { seedChat } from './fixtures.ts';
import { handlePurgeExpiredMessages } from '../src/crons/purgeExpiredMessages.ts';

const LUNCH: Poll = { options: ['Pizza', 'Sushi', 'Tacos', 'Ramen'], multiple: false };
const sessions: ClientSession[] = [];

const group = (chatId: string, memberIds: string[], name: string) => seedChat(chatId, memberIds, { name });

async function votes(chatId: string, pollId: string) {
  const snap = await firestore.collection(paths.pollVotes(chatId, pollId)).get();
  return snap.docs.map((d) => ({ uid: d.id, ...pollVoteSchema.parse(d.data()) }));
}

const vote = (uid: string, chatId: string, pollId: string, choices: string[] | null) =>
  writeAs(uid, paths.pollVote(chatId, pollId, uid), choices === null ? null : { choices }, choices === null ? [] : ['updatedAt']);

beforeAll(async () => {
  await clearFirestore();
});

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

describe('a poll in a small group', () => {
  const chatId = 'poll-small';
  let ana: ClientSession;

  beforeAll(async () => {
    await seedUsers(['poll-ana', 'poll-ben', 'poll-cai']);
    await group(chatId, ['poll-ana', 'poll-ben', 'poll-cai'], 'Lunch club');
    ana = await signedInClient('poll-ana');
    sessions.push(ana);
  });

  it('is started with the client SDK, previewed in the chat list and kept by the trigger', async () => {
    await setDoc(doc(ana.db, paths.message(chatId, 'lunch')), {
      senderId: 'poll-ana', type: 'poll', text: 'Lunch?', poll: LUNCH, createdAt: serverTimestamp(),
    });
    const { chat, message } = await summarised(chatId, 'lunch');
    expect(chat.lastMessage).toMatchObject({ id: 'lunch', type: 'poll', preview: '📊 Poll: Lunch?' });
    expect(message).toMatchObject({ type: 'poll', text: 'Lunch?', poll: LUNCH });
    expect(message.rejected).toBeUndefined();
  });

  it('counts a vote, a changed vote and a retracted one, each by its own member', async () => {
    expect(await vote('poll-ben', chatId, 'lunch', ['Sushi'])).toBe(200);
    expect(await vote('poll-cai', chatId, 'lunch', ['Sushi'])).toBe(200);
    expect(await vote('poll-cai', chatId, 'lunch', ['Ramen'])).toBe(200);
    expect(await vote('poll-ana', chatId, 'lunch', ['Pizza'])).toBe(200);
    expect(await vote('poll-ana', chatId, 'lunch', null)).toBe(200);
    // Ben cannot vote for Cai (positive control above: Cai's own writes).
    expect(await writeAs('poll-ben', paths.pollVote(chatId, 'lunch', 'poll-cai'), { choices: ['Tacos'] }, ['updatedAt'])).toBe(403);
    const tally = tallyPoll(LUNCH, await votes(chatId, 'lunch'));
    expect(tally).toEqual({ counts: [0, 1, 0, 1], voters: [[], ['poll-ben'], [], ['poll-cai']], totalVoters: 2 });
  });

  it('loses its votes when the sender deletes it for everyone', async () => {
    expect(await votes(chatId, 'lunch')).toHaveLength(2);
    await updateDoc(doc(ana.db, paths.message(chatId, 'lunch')), { ...POLL_DELETED_FOR_EVERYONE });
    await eventually(async () => ((await votes(chatId, 'lunch')).length === 0 ? true : undefined));
    const chat = await docWhen(paths.chat(chatId), (data) => (data.lastMessage as { preview?: string } | null)?.preview === 'This message was deleted');
    expect(chat.lastMessage).toMatchObject({ id: 'lunch' });
  });
});

describe('200 members voting at once in a 1,024-member group', () => {
  const chatId = 'poll-big';
  const members = Array.from({ length: MAX_GROUP_MEMBERS }, (_, i) => `big-voter-${String(i).padStart(4, '0')}`);
  const voters = members.slice(1, 201);

  beforeAll(async () => {
    await group(chatId, members, 'Everyone');
    await firestore.doc(paths.message(chatId, 'where')).set({ senderId: members[0], type: 'poll', text: 'Where to?', poll: LUNCH, createdAt: Timestamp.now() });
    await summarised(chatId, 'where');
  });

  it('lands every vote, one write each, and no function writes anything for them', async () => {
    const [chatBefore, pollBefore] = await Promise.all([firestore.doc(paths.chat(chatId)).get(), firestore.doc(paths.message(chatId, 'where')).get()]);
    const choiceOf = (i: number) => LUNCH.options[i % LUNCH.options.length]!;
    const statuses = await Promise.all(voters.map((uid, i) => vote(uid, chatId, 'where', [choiceOf(i)])));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const counted = tallyPoll(LUNCH, await votes(chatId, 'where'));
    expect(counted.totalVoters).toBe(200);
    expect(counted.counts).toEqual([50, 50, 50, 50]);
    // No fan-out: neither the chat nor the poll message was written because of the votes.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [chatAfter, pollAfter] = await Promise.all([firestore.doc(paths.chat(chatId)).get(), firestore.doc(paths.message(chatId, 'where')).get()]);
    expect(chatAfter.updateTime?.isEqual(chatBefore.updateTime!)).toBe(true);
    expect(pollAfter.updateTime?.isEqual(pollBefore.updateTime!)).toBe(true);

    // Then 50 change their mind and 20 retract, all at once: the tally follows exactly.
    const changing = voters.slice(0, 50);
    const retracting = voters.slice(50, 70);
    await Promise.all([
      ...changing.map((uid) => vote(uid, chatId, 'where', ['Ramen'])),
      ...retracting.map((uid) => vote(uid, chatId, 'where', null)),
    ]);
    const expected = tallyPoll(LUNCH, voters.slice(70).map((uid, i) => ({ uid, choices: [choiceOf(i + 70)] })).concat(changing.map((uid) => ({ uid, choices: ['Ramen'] }))));
    const after = tallyPoll(LUNCH, await votes(chatId, 'where'));
    expect(after.totalVoters).toBe(180);
    expect(after.counts).toEqual(expected.counts);
  }, 120_000);

  it("takes a deleted account's vote with it, and only theirs", async () => {
    const leaving = voters.at(-1)!;
    await adminAuth.createUser({ uid: leaving, email: `${leaving}@natter.test` });
    expect((await firestore.doc(paths.pollVote(chatId, 'where', leaving)).get()).exists).toBe(true);
    // Deleting the Auth account runs the real onUserDeleted trigger (deleteUserData).
    await adminAuth.deleteUser(leaving);
    await eventually(async () => ((await firestore.doc(paths.pollVote(chatId, 'where', leaving)).get()).exists ? undefined : true), { timeoutMs: 60_000 });
    expect(await votes(chatId, 'where')).toHaveLength(179);
  }, 90_000);
});

describe('a poll in a disappearing chat', () => {
  it('takes its votes with it when the expiry cron deletes it', async () => {
    const chatId = 'poll-expiring';
    await group(chatId, ['exp-ana', 'exp-ben'], 'Brief');
    await firestore.doc(paths.message(chatId, 'gone')).set({
      senderId: 'exp-ana', type: 'poll', text: 'Soon gone?', poll: LUNCH, createdAt: Timestamp.now(), expiresAt: Timestamp.fromMillis(Date.now() - 1_000),
    });
    expect(await vote('exp-ben', chatId, 'gone', ['Tacos'])).toBe(200);
    const result = await handlePurgeExpiredMessages({ eventId: 'poll-expiry' }, { media: null });
    expect(result.kind).toBe('finished');
    expect((await firestore.doc(paths.message(chatId, 'gone')).get()).exists).toBe(false);
    expect(await votes(chatId, 'gone')).toEqual([]);
  });
});
