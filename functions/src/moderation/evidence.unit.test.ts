import { describe, expect, it } from 'vitest';
import { evidenceMessageSchema } from '@natter/model';
import { toEvidenceChat, toEvidenceMessage, toEvidenceProfile, unavailableEvidence } from './evidence.ts';

const ts = (ms: number) => ({ toMillis: () => ms });

describe('evidence shaping', () => {
  it('keeps what the reporter saw of a message and nothing else', () => {
    const message = toEvidenceMessage('m1', {
      senderId: 'u1',
      type: 'image',
      text: 'look',
      media: { path: 'chats/c/m1/a.png', contentType: 'image/png', size: 10, name: 'a.png' },
      createdAt: ts(5),
      reactions: { u2: '👍' },
      seq: 4,
    });
    expect(evidenceMessageSchema.parse(message)).toMatchObject({ id: 'm1', senderId: 'u1', type: 'image', text: 'look', seq: 4, editedAt: null });
    expect(message).not.toHaveProperty('reactions');
  });

  it('tolerates malformed stored messages instead of failing the snapshot', () => {
    const message = toEvidenceMessage('m2', { senderId: 7, text: null, createdAt: 'yesterday', seq: 1.5 });
    expect(message).toMatchObject({ senderId: '', text: '', createdAt: null, seq: null, media: null, deletedForEveryone: false });
  });

  it('keeps the public profile fields and the chat shape', () => {
    expect(toEvidenceProfile('u1', { displayName: 'Ana', about: 'hi', photoURL: null, online: true })).toEqual({ uid: 'u1', displayName: 'Ana', photoURL: null, about: 'hi' });
    expect(toEvidenceProfile('u1', undefined)).toBeNull();
    expect(toEvidenceChat({ type: 'group', name: 'G', memberIds: ['a', 'b', 'c'] })).toEqual({ type: 'group', name: 'G', memberCount: 3 });
  });

  it('records why evidence is unavailable', () => {
    expect(unavailableEvidence('the chat does not exist')).toMatchObject({ available: false, unavailableReason: 'the chat does not exist', message: null, context: [] });
  });
});
