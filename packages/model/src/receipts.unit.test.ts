import { describe, expect, it } from 'vitest';
import { directReceipt, groupReceipt, markerUpdate, unreadCount } from './receipts.ts';

describe('unreadCount', () => {
  it.each([
    // chat seq, member readSeq, private readState, expected
    [10, 4, undefined, 6],
    [10, 10, undefined, 0],
    [10, 2, 7, 3], // read receipts off: the private marker is newer
    [10, 9, 7, 1], // the member marker is newer
    [0, 0, undefined, 0],
    [5, 8, undefined, 0], // never negative, even on a marker ahead of a stale chat snapshot
  ])('seq %i, readSeq %i, private %s gives %i', (seq, readSeq, privateSeq, expected) => {
    const readState = privateSeq === undefined ? null : { readSeq: privateSeq };
    expect(unreadCount(seq, { readSeq }, readState)).toBe(expected);
  });

  it('counts everything as unread for a member document not loaded yet', () => {
    expect(unreadCount(3, undefined)).toBe(3);
  });
});

describe('directReceipt', () => {
  it.each([
    [undefined, { readSeq: 9, deliveredSeq: 9 }, 'pending'],
    [5, null, 'sent'],
    [5, { readSeq: 4, deliveredSeq: 4 }, 'sent'],
    [5, { readSeq: 4, deliveredSeq: 5 }, 'delivered'],
    [5, { readSeq: 5, deliveredSeq: 5 }, 'read'],
    [5, { readSeq: 6, deliveredSeq: 2 }, 'read'],
  ] as const)('seq %s with the other side at %o is %s', (seq, other, expected) => {
    expect(directReceipt(seq, other)).toBe(expected);
  });
});

describe('groupReceipt', () => {
  it('subtracts the sender from counts taken over all members', () => {
    const receipt = groupReceipt({
      messageSeq: 7,
      memberCount: 4,
      readAtLeast: 2,
      deliveredAtLeast: 3,
      sender: { readSeq: 7, deliveredSeq: 7 },
    });
    expect(receipt).toEqual({ recipients: 3, read: 1, delivered: 2, state: 'sent' });
  });

  it('is read by all when every recipient reached the message', () => {
    const receipt = groupReceipt({ messageSeq: 7, memberCount: 3, readAtLeast: 3, deliveredAtLeast: 3, sender: { readSeq: 8, deliveredSeq: 8 } });
    expect(receipt.state).toBe('read');
    expect(receipt.read).toBe(2);
  });

  it('is delivered to all before it is read by all', () => {
    const receipt = groupReceipt({ messageSeq: 7, memberCount: 3, readAtLeast: 2, deliveredAtLeast: 3, sender: { readSeq: 7, deliveredSeq: 7 } });
    expect(receipt).toMatchObject({ read: 1, delivered: 2, state: 'delivered' });
  });

  it('does not subtract a sender whose private readState holds the marker', () => {
    const receipt = groupReceipt({ messageSeq: 7, memberCount: 3, readAtLeast: 1, deliveredAtLeast: 1, sender: { readSeq: 0, deliveredSeq: 0 } });
    expect(receipt).toMatchObject({ read: 1, delivered: 1, state: 'sent' });
  });

  it('is pending before the server sequenced the message', () => {
    expect(groupReceipt({ messageSeq: undefined, memberCount: 3, readAtLeast: 3, deliveredAtLeast: 3, sender: null }).state).toBe('pending');
  });
});

describe('markerUpdate', () => {
  it('advances delivery only while the chat is not being read', () => {
    expect(markerUpdate({ readSeq: 2, deliveredSeq: 3 }, 5, { reading: false })).toEqual({ deliveredSeq: 5 });
  });

  it('advances both markers in one write when reading', () => {
    expect(markerUpdate({ readSeq: 2, deliveredSeq: 3 }, 5, { reading: true })).toEqual({ deliveredSeq: 5, readSeq: 5 });
  });

  it('returns null when there is nothing to write, and never moves a marker back', () => {
    expect(markerUpdate({ readSeq: 5, deliveredSeq: 5 }, 5, { reading: true })).toBeNull();
    expect(markerUpdate({ readSeq: 6, deliveredSeq: 6 }, 5, { reading: true })).toBeNull();
  });
});
