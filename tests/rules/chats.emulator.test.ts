import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, Timestamp } from 'firebase/firestore';
import { DEFAULT_CHAT_SETTINGS, paths, type Chat } from '@natter/model';
import { rulesEnvironment } from '../support/rules.ts';

let env: RulesTestEnvironment;

const chat: Chat = {
  type: 'direct',
  memberIds: ['alice', 'bob'],
  adminIds: [],
  name: null,
  description: '',
  photoURL: null,
  createdBy: 'alice',
  createdAt: Timestamp.fromMillis(1_700_000_000_000),
  lastMessage: null,
  lastMessageAt: null,
  seq: 0,
  settings: DEFAULT_CHAT_SETTINGS,
};

beforeAll(async () => {
  env = await rulesEnvironment();
});
beforeEach(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), paths.chat('alice_bob')), chat);
  });
});
afterAll(async () => {
  await env.cleanup();
});

describe('chat documents on the real Firestore emulator', () => {
  it('lets a member read the chat (positive control)', async () => {
    await assertSucceeds(getDoc(doc(env.authenticatedContext('alice').firestore(), paths.chat('alice_bob'))));
  });

  it('denies a signed-in stranger the same read', async () => {
    const error: unknown = await assertFails(getDoc(doc(env.authenticatedContext('mallory').firestore(), paths.chat('alice_bob'))));
    expect((error as { code?: string }).code).toBe('permission-denied');
  });

  it('denies a member writing the server-owned chat document', async () => {
    const error: unknown = await assertFails(
      setDoc(doc(env.authenticatedContext('alice').firestore(), paths.chat('alice_bob')), { ...chat, seq: 99 }),
    );
    expect((error as { code?: string }).code).toBe('permission-denied');
  });
});
