import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, MAX_GROUP_MEMBERS, type Chat } from '@natter/model';
import { planMessage } from './planMessage.ts';

const ts = (ms: number) => ({ toMillis: () => ms });
const chat = (over: Partial<Chat> = {}): Chat => ({
  type: 'group',
  memberIds: ['a', 'b', 'c'],
  adminIds: ['a'],
  name: 'G',
  description: '',
  photoURL: null,
  createdBy: 'a',
  createdAt: ts(0),
  lastMessage: null,
  lastMessageAt: null,
  seq: 41,
  settings: DEFAULT_CHAT_SETTINGS,
  ...over,
});
const message = (over: Record<string, unknown> = {}) => ({ senderId: 'b', type: 'text', text: 'hi', createdAt: ts(1_000), ...over });

describe('planMessage', () => {
  it('accepts a plain text message with no server fields to write', () => {
    const plan = planMessage({ message: message(), chat: chat(), quoted: undefined });
    expect(plan).toEqual({ kind: 'accept', senderId: 'b', createdAtMs: 1_000, expiresAtMs: null, replyTo: undefined, mentions: undefined });
  });

  it('treats an already rejected message as a duplicate delivery, and plans the same for every other delivery', () => {
    expect(planMessage({ message: message({ rejected: true }), chat: chat(), quoted: undefined })).toEqual({ kind: 'duplicate' });
    const first = planMessage({ message: message(), chat: chat(), quoted: undefined });
    expect(planMessage({ message: message(), chat: chat({ seq: 99 }), quoted: undefined })).toEqual(first);
  });

  it('leaves system messages that a callable sequenced alone, and rejects unsequenced ones', () => {
    const system = message({ type: 'system', text: 'Ana added Ben', system: { event: 'added', actorId: 'a', targetIds: ['b'] } });
    expect(planMessage({ message: { ...system, seq: 7 }, chat: chat(), quoted: undefined })).toEqual({ kind: 'presequenced' });
    expect(planMessage({ message: system, chat: chat(), quoted: undefined })).toMatchObject({
      kind: 'reject',
      reason: 'system messages are written by functions only',
    });
  });

  it('leaves a message the previous design already numbered alone (only functions write seq)', () => {
    expect(planMessage({ message: { ...message(), seq: 12 }, chat: chat(), quoted: undefined })).toEqual({ kind: 'duplicate' });
    expect(planMessage({ message: message(), chat: chat(), quoted: undefined })).toMatchObject({ kind: 'accept' });
  });

  it('rejects a sender outside the chat and a non-admin in an admins-only chat', () => {
    expect(planMessage({ message: message({ senderId: 'z' }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    const adminsOnly = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend: true } });
    expect(planMessage({ message: message(), chat: adminsOnly, quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ message: message({ senderId: 'a' }), chat: adminsOnly, quoted: undefined }).kind).toBe('accept');
  });

  it('rejects a message that breaks the model, or one in a chat that does not exist', () => {
    expect(planMessage({ message: message({ text: 'x'.repeat(5000) }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ message: message({ extra: true }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ message: message(), chat: undefined, quoted: undefined }).kind).toBe('reject');
  });

  it('sets the expiry for disappearing chats from the creation time', () => {
    const disappearing = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, disappearAfterSeconds: 86_400 } });
    const plan = planMessage({ message: message(), chat: disappearing, quoted: undefined });
    expect(plan.kind === 'accept' && plan.expiresAtMs).toBe(1_000 + 86_400_000);
    const alreadySet = planMessage({ message: message({ expiresAt: ts(1_000 + 86_400_000) }), chat: disappearing, quoted: undefined });
    expect(alreadySet.kind === 'accept' && alreadySet.expiresAtMs).toBeNull();
  });

  it('snapshots the quoted message for replies, overriding what the client claimed', () => {
    const reply = message({ replyTo: { messageId: 'q', senderId: 'c', preview: 'forged' } });
    const plan = planMessage({ message: reply, chat: chat(), quoted: message({ senderId: 'a', text: 'original words' }) });
    expect(plan.kind === 'accept' && plan.replyTo).toEqual({ messageId: 'q', senderId: 'a', preview: 'original words' });
    const honest = message({ replyTo: { messageId: 'q', senderId: 'a', preview: 'original words' } });
    const kept = planMessage({ message: honest, chat: chat(), quoted: message({ senderId: 'a', text: 'original words' }) });
    expect(kept.kind === 'accept' && kept.replyTo).toBeUndefined();
  });

  it('drops a reply to a message that does not exist, and shows a deleted quote as deleted', () => {
    const reply = message({ replyTo: { messageId: 'q', senderId: 'a', preview: 'forged' } });
    const missing = planMessage({ message: reply, chat: chat(), quoted: undefined });
    expect(missing.kind === 'accept' && missing.replyTo).toBeNull();
    const deleted = planMessage({ message: reply, chat: chat(), quoted: message({ text: '', deletedForEveryone: true }) });
    expect(deleted.kind === 'accept' && deleted.replyTo && deleted.replyTo.preview).toBe('This message was deleted');
    const plain = planMessage({ message: message(), chat: chat(), quoted: undefined });
    expect(plain.kind === 'accept' && plain.replyTo).toBeUndefined();
  });

  it('keeps only mentions of other current members, once each', () => {
    const plan = planMessage({ message: message({ mentions: ['c', 'z', 'b', 'c', 'a'] }), chat: chat(), quoted: undefined });
    expect(plan.kind === 'accept' && plan.mentions).toEqual(['c', 'a']);
    const clean = planMessage({ message: message({ mentions: ['a'] }), chat: chat(), quoted: undefined });
    expect(clean.kind === 'accept' && clean.mentions).toBeUndefined();
  });

  it('plans the same work for a 2-member chat and a 1,024-member group', () => {
    const members = Array.from({ length: MAX_GROUP_MEMBERS }, (_, i) => (i === 0 ? 'b' : `u${i}`));
    const sent = message();
    const small = planMessage({ message: sent, chat: chat({ memberIds: ['a', 'b'] }), quoted: undefined });
    const large = planMessage({ message: sent, chat: chat({ memberIds: members }), quoted: undefined });
    expect(large).toEqual(small);
  });
});
