import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, query, setDoc, Timestamp, updateDoc, where } from 'firebase/firestore';
import { COLLECTIONS, paths } from '@natter/model';
import { rulesEnvironment } from '../support/rules.ts';

let env: RulesTestEnvironment;

const scheduled = {
  senderId: 'alice',
  chatId: 'alice_bob',
  text: 'happy birthday',
  sendAt: Timestamp.fromMillis(1_900_000_000_000),
  status: 'pending',
  createdAt: Timestamp.fromMillis(1_700_000_000_000),
};

beforeAll(async () => {
  env = await rulesEnvironment();
});
beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), paths.scheduledMessage('s1')), scheduled);
  });
});
afterAll(async () => {
  await env.cleanup();
});

const as = (uid: string) => env.authenticatedContext(uid).firestore();
const code = (error: unknown) => (error as { code?: string }).code;

describe('scheduledMessages: the owner reads, nobody writes', () => {
  // Each deny row differs from the positive control above it in one thing only.
  it('owner reads their scheduled message (positive control)', async () => {
    await assertSucceeds(getDoc(doc(as('alice'), paths.scheduledMessage('s1'))));
  });
  it('another member of the chat may not read it', async () => {
    expect(code(await assertFails(getDoc(doc(as('bob'), paths.scheduledMessage('s1')))))).toBe('permission-denied');
  });
  it('owner lists their own with a bounded query (positive control)', async () => {
    const own = query(collection(as('alice'), COLLECTIONS.scheduledMessages), where('senderId', '==', 'alice'), limit(20));
    await assertSucceeds(getDocs(own));
  });
  it('a list without the owner filter is denied', async () => {
    const all = query(collection(as('alice'), COLLECTIONS.scheduledMessages), limit(20));
    expect(code(await assertFails(getDocs(all)))).toBe('permission-denied');
  });
  it('the owner may not create, change or delete one (only functions write)', async () => {
    expect(code(await assertFails(setDoc(doc(as('alice'), paths.scheduledMessage('s2')), scheduled)))).toBe('permission-denied');
    expect(code(await assertFails(updateDoc(doc(as('alice'), paths.scheduledMessage('s1')), { status: 'sent' })))).toBe('permission-denied');
    expect(code(await assertFails(deleteDoc(doc(as('alice'), paths.scheduledMessage('s1')))))).toBe('permission-denied');
  });
});
