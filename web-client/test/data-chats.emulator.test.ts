import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { paths, type Member } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { untilSummarised } from '../../tests/support/summaries.ts';
import type { ChatListItem, ReadMarker } from '../src/lib/firebase/chats.ts';
import { InvalidInputError } from '../src/lib/firebase/functions.ts';
import { unreadCount } from '../src/lib/receipts.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

let ana: WebSession;
let ben: WebSession;
let cai: WebSession;
const closers: (() => void)[] = [];

beforeAll(async () => {
  await clearEverything();
  [ana, ben, cai] = await Promise.all([webUser('list-ana', 'Ana List'), webUser('list-ben', 'Ben List'), webUser('list-cai', 'Cai List')]);
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await closeAll([ana, ben, cai]);
});

function watch<T>(subscribe: (onValue: (value: T) => void, onError: (error: Error) => void) => () => void) {
  let latest: T | undefined;
  const errors: Error[] = [];
  closers.push(subscribe((value) => { latest = value; }, (error) => errors.push(error)));
  return {
    errors,
    until: (check: (value: T) => boolean) => eventually(() => Promise.resolve(latest !== undefined && check(latest) ? latest : undefined)),
  };
}

async function sendAndWaitForSeq(from: WebSession, chatId: string, text: string): Promise<number> {
  const sent = from.messages.sendText(chatId, text);
  await sent.written;
  return (await untilSummarised(chatId, sent.id)).chat.seq;
}

describe('the chat list', () => {
  it('lists the caller’s chats newest activity first, live', async () => {
    const direct = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
    const group = (await ana.functions.createGroup({ name: 'List group', memberIds: [ben.uid, cai.uid] })).chatId;
    const list = watch<ChatListItem[]>((onValue, onError) => ben.chats.watchChatList(ben.uid, onValue, onError));

    await sendAndWaitForSeq(ana, direct, 'direct is newest');
    await list.until((chats) => chats[0]?.id === direct);
    await sendAndWaitForSeq(cai, group, 'now the group is');
    const chats = await list.until((items) => items[0]?.id === group);
    expect(chats.map((c) => c.id)).toEqual([group, direct]);
    expect(chats[0]?.chat.lastMessage).toMatchObject({ senderId: cai.uid, preview: 'now the group is' });
    expect(list.errors).toEqual([]);

    // Cai is not in the direct chat: it never shows in Cai's list.
    const caiList = watch<ChatListItem[]>((onValue, onError) => cai.chats.watchChatList(cai.uid, onValue, onError));
    expect((await caiList.until((items) => items.length > 0)).map((c) => c.id)).toEqual([group]);
  });
});

describe('read and delivery markers', () => {
  it('counts unread from the sequence and clears it with one marker write', async () => {
    const chatId = (await ana.functions.openDirectChat({ otherUid: cai.uid })).chatId;
    await sendAndWaitForSeq(ana, chatId, 'one');
    const seq = await sendAndWaitForSeq(ana, chatId, 'two');
    const member = watch<Member | null>((onValue, onError) => cai.chats.watchMember(chatId, cai.uid, onValue, onError));
    const before = await member.until((m) => m !== null);
    expect(unreadCount(seq, before)).toBe(2);

    // Delivered only (chat list), then read (chat open).
    await expect(cai.chats.markSeen(chatId, seq, { member: before as Member, readState: null }, { reading: false, readReceipts: true })).resolves.toBe(true);
    const delivered = await member.until((m) => m?.deliveredSeq === seq);
    expect(delivered?.readSeq).toBe(0);
    await cai.chats.markSeen(chatId, seq, { member: delivered as Member, readState: null }, { reading: true, readReceipts: true });
    const read = await member.until((m) => m?.readSeq === seq);
    expect(unreadCount(seq, read)).toBe(0);
    // Nothing left to write: no write is spent on a no-op.
    await expect(cai.chats.markSeen(chatId, seq, { member: read as Member, readState: null }, { reading: true, readReceipts: true })).resolves.toBe(false);
  });

  it('with read receipts off, keeps the read marker private and the member document unread-looking to others', async () => {
    const chatId = (await ben.functions.openDirectChat({ otherUid: cai.uid })).chatId;
    const seq = await sendAndWaitForSeq(ben, chatId, 'secretly read');
    const member = (await adminDb.doc(paths.member(chatId, cai.uid)).get()).data() as Member;
    await cai.chats.markSeen(chatId, seq, { member, readState: null }, { reading: true, readReceipts: false });

    const states = watch<Map<string, ReadMarker>>((onValue, onError) => cai.chats.watchReadStates(cai.uid, onValue, onError));
    const mine = await states.until((map) => map.get(chatId)?.readSeq === seq);
    const after = (await adminDb.doc(paths.member(chatId, cai.uid)).get()).data() as Member;
    expect(after).toMatchObject({ deliveredSeq: seq, readSeq: member.readSeq });
    expect(unreadCount(seq, after, mine.get(chatId))).toBe(0);
  });
});

describe('preferences', () => {
  it('pins, archives and mutes for the caller only, validated first', async () => {
    const chatId = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
    await ana.chats.setPreferences(chatId, { pinned: true, archived: true });
    await ana.chats.mute(chatId, 3_600_000);
    const mine = (await adminDb.doc(paths.member(chatId, ana.uid)).get()).data() as Member;
    const theirs = (await adminDb.doc(paths.member(chatId, ben.uid)).get()).data() as Member;
    expect(mine).toMatchObject({ pinned: true, archived: true });
    expect(mine.mutedUntil?.toMillis()).toBeGreaterThan(Date.now());
    expect(theirs).toMatchObject({ pinned: false, archived: false, mutedUntil: null });

    const notABoolean = { pinned: 'yes' } as unknown as { pinned: boolean };
    await expect(ana.chats.setPreferences(chatId, notABoolean)).rejects.toThrow(InvalidInputError);
    await ana.chats.mute(chatId, null);
    expect((await adminDb.doc(paths.member(chatId, ana.uid)).get()).get('mutedUntil')).toBeNull();
  });
});
