import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doc, updateDoc } from 'firebase/firestore';
import { COLLECTIONS, paths, type Account } from '@natter/model';
import { adminDb, eventually } from '../../tests/support/admin.ts';
import { InvalidInputError } from '../src/lib/firebase/functions.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

let ana: WebSession;
let ben: WebSession;

beforeAll(async () => {
  await clearEverything();
  [ana, ben] = await Promise.all([webUser('people-ana', 'Ana People'), webUser('people-ben', 'Benedikt People')]);
  await webUser('people-bea', 'Bea People').then((s) => s.session.close());
});
afterAll(async () => {
  await closeAll([ana, ben]);
});

describe('profiles', () => {
  it('finds people by display-name prefix, case-insensitively, never the caller', async () => {
    const found = await ana.users.searchByName('BE');
    expect(found.map((p) => p.displayName).sort()).toEqual(['Bea People', 'Benedikt People']);
    expect((await ana.users.searchByName('ana')).map((p) => p.uid)).toEqual([]);
    expect(await ana.users.searchByName('  ')).toEqual([]);
  });

  it('updates the own profile with the search key, and refuses bad fields before writing', async () => {
    await ana.users.updateProfile({ displayName: 'Anastasia', about: 'Hi there', photoURL: 'https://example.com/a.png' });
    const stored = (await adminDb.doc(paths.user(ana.uid)).get()).data();
    expect(stored).toMatchObject({ displayName: 'Anastasia', displayNameLower: 'anastasia', about: 'Hi there', photoURL: 'https://example.com/a.png' });
    expect((await ben.users.searchByName('anas')).map((p) => p.uid)).toEqual([ana.uid]);

    await expect(ana.users.updateProfile({ about: 'x'.repeat(141) })).rejects.toThrow(InvalidInputError);
    await expect(ana.users.updateProfile({ photoURL: 'javascript:alert(1)' })).rejects.toThrow(/photoURL/);
    expect((await adminDb.doc(paths.user(ana.uid)).get()).get('about')).toBe('Hi there');
  });

  it('accepts a client that changes only displayName: the server derives the search key', async () => {
    await updateDoc(doc(ben.session.db, paths.user(ben.uid)), { displayName: 'Bartholomew Quill' });
    const found = await eventually(async () => {
      const people = await ana.users.searchByName('bartholomew q');
      return people.length > 0 ? people : undefined;
    });
    expect(found.map((p) => [p.uid, p.displayName, p.displayNameLower])).toEqual([[ben.uid, 'Bartholomew Quill', 'bartholomew quill']]);
    // The old name no longer finds them; a search key that contradicts the name is still refused.
    expect(await ana.users.searchByName('benedikt')).toEqual([]);
    await expect(updateDoc(doc(ben.session.db, paths.user(ben.uid)), { displayNameLower: 'admin' })).rejects.toMatchObject({ code: 'permission-denied' });
  });

  it('changes privacy settings on the owner-only account document', async () => {
    await ana.users.updateSettings({ readReceipts: false, lastSeen: 'nobody' });
    const account = (await adminDb.doc(paths.account(ana.uid)).get()).data() as Account;
    expect(account.settings).toEqual({ readReceipts: false, lastSeen: 'nobody' });
    const bad = { readReceipts: false, lastSeen: 'friends' } as unknown as Account['settings'];
    await expect(ana.users.updateSettings(bad)).rejects.toThrow(InvalidInputError);
  });
});

describe('blocking and reporting', () => {
  it('a block stops the blocked user’s messages in the direct chat; unblocking lets them through again', async () => {
    const chatId = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
    await expect(ben.messages.sendText(chatId, 'before the block').written).resolves.toBeUndefined();

    await ana.users.block(ben.uid);
    const refused = ben.messages.sendText(chatId, 'after the block');
    await expect(refused.written).rejects.toMatchObject({ code: 'permission-denied' });
    expect((await adminDb.doc(paths.message(chatId, refused.id)).get()).exists).toBe(false);
    // The blocker can still write (the block is one-way).
    await expect(ana.messages.sendText(chatId, 'I can still talk').written).resolves.toBeUndefined();

    await ana.users.unblock(ben.uid);
    await expect(ben.messages.sendText(chatId, 'after unblocking').written).resolves.toBeUndefined();
  });

  it('files a report as the caller', async () => {
    const id = await ben.users.report({ type: 'user', uid: ana.uid }, 'Spam');
    const report = await eventually(async () => (await adminDb.collection(COLLECTIONS.reports).doc(id).get()).data());
    expect(report).toMatchObject({ reporterId: ben.uid, target: { type: 'user', uid: ana.uid }, reason: 'Spam', status: 'open' });
    await expect(ben.users.report({ type: 'user', uid: ana.uid }, '   ')).rejects.toThrow(InvalidInputError);
  });
});
