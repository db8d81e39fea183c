import { describe, expect, it } from 'vitest';
import { rejectedTombstone } from './rejectedMessage.ts';

const ts = { toMillis: () => 1_000 };

describe('rejectedTombstone', () => {
  it('keeps sender, type and time and drops every other client field', () => {
    const huge = Array.from({ length: 50 }, () => 'x'.repeat(20_000));
    const tombstone = rejectedTombstone({
      senderId: 'u1',
      type: 'image',
      createdAt: ts,
      text: 'spam',
      media: { path: 'chats/c/m/a.png', contentType: 'image/png', size: 1, name: 'a.png' },
      mentions: huge,
      replyTo: { messageId: 'q', senderId: 'u2', preview: 'x' },
      forwarded: true,
      system: { event: 'added', actorId: 'u1', targetIds: [] },
    });
    expect(tombstone).toEqual({ senderId: 'u1', type: 'image', createdAt: ts, text: '', media: null, deletedForEveryone: true, rejected: true });
    expect(JSON.stringify(tombstone).length).toBeLessThan(200);
  });

  it('drops even the kept fields when they are not what the model allows', () => {
    expect(rejectedTombstone({ senderId: 'x'.repeat(200), type: 'sticker', createdAt: 'yesterday' })).toEqual({
      text: '',
      media: null,
      deletedForEveryone: true,
      rejected: true,
    });
    expect(rejectedTombstone(undefined)).toMatchObject({ rejected: true });
  });
});
