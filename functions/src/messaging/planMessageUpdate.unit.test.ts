import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, type Chat } from '@natter/model';
import { needsUpdateWork, planMessageUpdate } from './planMessageUpdate.ts';

const ts = (ms: number) => ({ toMillis: () => ms });
const message = (over: Record<string, unknown> = {}) => ({ senderId: 'a', type: 'text', text: 'hello', createdAt: ts(1), ...over });
const chat = (lastId: string | null, preview = 'hello'): Chat => ({
  type: 'direct',
  memberIds: ['a', 'b'],
  adminIds: [],
  name: null,
  description: '',
  photoURL: null,
  createdBy: 'a',
  createdAt: ts(0),
  lastMessage: lastId ? { id: lastId, senderId: 'a', type: 'text', preview, sentAt: ts(1), seq: 3 } : null,
  lastMessageAt: lastId ? ts(1) : null,
  seq: 3,
  settings: DEFAULT_CHAT_SETTINGS,
});

describe('needsUpdateWork', () => {
  it.each([
    ['an edit', message(), message({ text: 'hello!', editedAt: ts(2) }), true],
    ['a delete for everyone', message(), message({ text: '', deletedForEveryone: true }), true],
    ['a reaction', message(), message({ reactions: { b: '👍' } }), false],
    ["the create trigger's own server fields", message(), message({ expiresAt: ts(9), mentions: [] }), false],
    ['an edit right after sending (no server fields needed first)', message(), message({ text: 'x', editedAt: ts(2) }), true],
    ['an update that breaks the model', message(), message({ sneaky: true }), true],
    ['an update of an already rejected message', message({ rejected: true, sneaky: true }), message({ rejected: true, sneaky: true, reactions: {} }), false],
  ])('%s: %s', (_label, before, after, expected) => {
    expect(needsUpdateWork(before, after)).toBe(expected);
  });
});

describe('planMessageUpdate', () => {
  it("updates the chat's preview when its last message was edited", () => {
    const plan = planMessageUpdate({ messageId: 'm', message: message({ text: 'hello, world', editedAt: ts(2) }), chat: chat('m') });
    expect(plan).toEqual({ messagePatch: null, preview: 'hello, world', reason: 'edited' });
  });

  it('leaves the chat alone when the edited message is not the last one', () => {
    expect(planMessageUpdate({ messageId: 'm', message: message({ text: 'changed' }), chat: chat('other') })).toEqual({
      messagePatch: null,
      preview: null,
      reason: 'none',
    });
  });

  it('shows a deleted last message as deleted and clears what the client left behind', () => {
    const deleted = message({ text: 'secret', deletedForEveryone: true, mentions: ['b'], replyTo: { messageId: 'q', senderId: 'b', preview: 'x' } });
    const plan = planMessageUpdate({ messageId: 'm', message: deleted, chat: chat('m') });
    expect(plan).toEqual({
      messagePatch: { text: '', media: null, replyTo: null, mentions: [] },
      preview: 'This message was deleted',
      reason: 'deleted',
    });
  });

  it('changes nothing once the tombstone and the preview are in place (replays are no-ops)', () => {
    const tombstone = message({ text: '', deletedForEveryone: true, media: null, replyTo: null, mentions: [] });
    expect(planMessageUpdate({ messageId: 'm', message: tombstone, chat: chat('m', 'This message was deleted') })).toEqual({
      messagePatch: null,
      preview: null,
      reason: 'none',
    });
  });

  it('neutralises an update that breaks the model', () => {
    const plan = planMessageUpdate({ messageId: 'm', message: message({ text: 'x'.repeat(5000) }), chat: chat('m') });
    expect(plan.reason).toBe('invalid');
    expect(plan.messagePatch).toMatchObject({ rejected: true, deletedForEveryone: true, text: '' });
    expect(plan.preview).toBe('This message was deleted');
  });
});
