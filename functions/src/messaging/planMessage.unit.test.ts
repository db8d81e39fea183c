import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, type Chat } from '@natter/model';
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
    expect(plan).toMatchObject({ kind: 'accept', seq: 42, expiresAtMs: null, lastMessage: { id: 'm', preview: 'hi', seq: 42 } });
  });

  it('treats an already sequenced message as a duplicate delivery', () => {
    expect(planMessage({ messageId: 'm', message: message({ seq: 42 }), chat: chat(), quoted: undefined })).toEqual({ kind: 'duplicate' });
  });

  it('rejects a sender outside the chat and a non-admin in an admins-only chat', () => {
    expect(planMessage({ messageId: 'm', message: message({ senderId: 'z' }), chat: chat(), quoted: undefined }).kind).toBe('reject');
    const adminsOnly = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend: true } });
    expect(planMessage({ messageId: 'm', message: message(), chat: adminsOnly, quoted: undefined }).kind).toBe('reject');
    expect(planMessage({ messageId: 'm', message: message({ senderId: 'a' }), chat: adminsOnly, quoted: undefined }).kind).toBe('accept');
  });

  it('sets the expiry for disappearing chats from the creation time', () => {
    const disappearing = chat({ settings: { ...DEFAULT_CHAT_SETTINGS, disappearAfterSeconds: 86_400 } });
    const plan = planMessage({ messageId: 'm', message: message(), chat: disappearing, quoted: undefined });
    expect(plan.kind === 'accept' && plan.expiresAtMs).toBe(1_000 + 86_400_000);
  });

  it('snapshots the quoted message preview for replies', () => {
    const reply = message({ replyTo: { messageId: 'q', senderId: 'a', preview: 'forged' } });
    const plan = planMessage({ messageId: 'm', message: reply, chat: chat(), quoted: message({ text: 'original words' }) });
    expect(plan.kind === 'accept' && plan.replyPreview).toBe('original words');
  });
});
