import { describe, expect, it } from 'vitest';
import { receiptFor, unreadCount } from './receipts.ts';

const member = (uid: string, readSeq: number, deliveredSeq: number) => ({ uid, readSeq, deliveredSeq });

describe('unread count = chat.seq - max(member.readSeq, readState.readSeq)', () => {
  it.each([
    ['nothing read', 5, member('a', 0, 0), null, 5],
    ['all read on the member document', 5, member('a', 5, 5), null, 0],
    ['the private read state is ahead (read receipts off)', 7, member('a', 2, 7), { readSeq: 6 }, 1],
    ['the member document is ahead of an old read state', 7, member('a', 6, 7), { readSeq: 3 }, 1],
    ['never negative', 3, member('a', 4, 4), null, 0],
    ['no member document yet', 2, null, null, 2],
  ])('%s', (_name, seq, m, readState, expected) => {
    expect(unreadCount(seq, m, readState)).toBe(expected);
  });
});

describe('receipts from markers', () => {
  const members = [member('me', 9, 9), member('b', 4, 6), member('c', 6, 6), member('d', 2, 3)];

  it('counts "read by k of n" and delivered over everyone but the sender', () => {
    const receipt = receiptFor(4, 'me', members);
    expect(receipt).toMatchObject({ recipients: 3, read: 2, delivered: 2, state: 'sent' });
    expect(receipt.readBy).toEqual(['b', 'c']);
    expect(receipt.deliveredTo).toEqual(['b', 'c']);
  });

  it('is read when every recipient read it, delivered when every recipient has it', () => {
    expect(receiptFor(2, 'me', members).state).toBe('read');
    expect(receiptFor(3, 'me', members).state).toBe('delivered');
    expect(receiptFor(7, 'me', members).state).toBe('sent');
  });

  it('direct chats: one recipient decides', () => {
    const pair = [member('me', 10, 10), member('you', 3, 5)];
    expect(receiptFor(3, 'me', pair).state).toBe('read');
    expect(receiptFor(5, 'me', pair).state).toBe('delivered');
    expect(receiptFor(6, 'me', pair).state).toBe('sent');
  });

  it('a message the server has not numbered yet is only sent', () => {
    expect(receiptFor(undefined, 'me', members)).toMatchObject({ state: 'sent', read: 0, delivered: 0 });
  });
});
