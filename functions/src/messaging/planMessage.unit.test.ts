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
  it('gives the next sequence number and a chat summary', () => {
    const plan = planMessage({ messageId: 'm', message: message(), chat: chat(), quoted: undefined });
    expect(plan).toMatchObject({ kind: 'accept', seq: 42, senderId: 'b', expiresAtMs: null, lastMessage: { id: 'm', preview: 'hi', seq: 42 } });
  });

  it('treats an already sequenced message as a duplicate delivery', () => {
    expect(planMessage({ messageId: 'm', message: message({ seq: 42 }), chat: chat(), quoted: undefined })).toEqual({ kind: 'duplicate' });
    expect(planMessage({ messageId: 'm', message: message({ rejected: true }), chat: chat(), quoted: undefined })).toEqual({ kind: 'duplicate' });
  });

  it('leaves system messages that a callable sequenced alone, and rejects unsequenced ones', () => {
    const system = message({ type: 'system', text: 'Ana added Ben', system: { event: 'added', actorId: 'a', targetIds: ['b'] } });
    expect(planMessage({ messageId: 'm', message: { ...system, seq: 7 }, chat: chat(), quoted: undefined })).toEqual({ kind: 'presequenced' });
    expect(planMessage({ messageId: 'm', message: system, chat: chat(), quoted: undefined })).toMatchObject({
      kind: 'reject',
      reason: 'system messages are written by functions only',
    });
  });

  it('rejects a sender outside the chat and a non-admin in an admins-only chat', () => {
    expect(planMessage({ messageId: 'm', message: message({ senderId: 'z' }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    const adminsOnly = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend: true } });
    expect(planMessage({ messageId: 'm', message: message(), chat: adminsOnly, quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ messageId: 'm', message: message({ senderId: 'a' }), chat: adminsOnly, quoted: undefined }).kind).toBe('accept');
  });

  it('rejects a message that breaks the model, or one in a chat that does not exist', () => {
    expect(planMessage({ messageId: 'm', message: message({ text: 'x'.repeat(5000) }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ messageId: 'm', message: message({ extra: true }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ messageId: 'm', message: message(), chat: undefined, quoted: undefined }).kind).toBe('reject');
  });

  it('sets the expiry for disappearing chats from the creation time', () => {
    const disappearing = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, disappearAfterSeconds: 86_400 } });
    const plan = planMessage({ messageId: 'm', message: message(), chat: disappearing, quoted: undefined });
    expect(plan.kind === 'accept' && plan.expiresAtMs).toBe(1_000 + 86_400_000);
  });

  it('snapshots the quoted message for replies, overriding what the client claimed', () => {
    const reply = message({ replyTo: { messageId: 'q', senderId: 'c', preview: 'forged' } });
    const plan = planMessage({ messageId: 'm', message: reply, chat: chat(), quoted: message({ senderId: 'a', text: 'original words' }) });
    expect(plan.kind === 'accept' && plan.replyTo).toEqual({ messageId: 'q', senderId: 'a', preview: 'original words' });
  });

  it('drops a reply to a message that does not exist, and shows a deleted quote as deleted', () => {
    const reply = message({ replyTo: { messageId: 'q', senderId: 'a', preview: 'forged' } });
    const missing = planMessage({ messageId: 'm', message: reply, chat: chat(), quoted: undefined });
    expect(missing.kind === 'accept' && missing.replyTo).toBeNull();
    const deleted = planMessage({ messageId: 'm', message: reply, chat: chat(), quoted: message({ text: '', deletedForEveryone: true }) });
    expect(deleted.kind === 'accept' && deleted.replyTo && deleted.replyTo.preview).toBe('This message was deleted');
    const plain = planMessage({ messageId: 'm', message: message(), chat: chat(), quoted: undefined });
    expect(plain.kind === 'accept' && plain.replyTo).toBeUndefined();
  });

  it('keeps only mentions of other current members, once each', () => {
    const plan = planMessage({ messageId: 'm', message: message({ mentions: ['c', 'z', 'b', 'c', 'a'] }), chat: chat(), quoted: undefined });
    expect(plan.kind === 'accept' && plan.mentions).toEqual(['c', 'a']);
    const clean = planMessage({ messageId: 'm', message: message({ mentions: ['a'] }), chat: chat(), quoted: undefined });
    expect(clean.kind === 'accept' && clean.mentions).toBeUndefined();
  });

  it('plans the same work for a 2-member chat and a 1,024-member group', () => {
    const members = Array.from({ length: MAX_GROUP_MEMBERS }, (_, i) => (i === 0 ? 'b' : `u${i}`));
    const sent = message();
    const small = planMessage({ messageId: 'm', message: sent, chat: chat({ memberIds: ['a', 'b'] }), quoted: undefined });
    const large = planMessage({ messageId: 'm', message: sent, chat: chat({ memberIds: members }), quoted: undefined });
    expect(large).toEqual(small);
  });
});
