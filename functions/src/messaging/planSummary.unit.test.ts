import { describe, expect, it } from 'vitest';
import { SUMMARY_INTERVAL_MS, type Chat, type Message } from '@natter/model';
import { planSummary, summaryWaitMs } from './planSummary.ts';

const ts = (ms: number) => ({ toMillis: () => ms });
const message = (ms: number, over: Partial<Message> = {}): Message => ({ senderId: 'b', type: 'text', text: 'hi', createdAt: ts(ms), ...over });
const chat = (last: { id: string; ms: number; seq: number } | null): Pick<Chat, 'lastMessage' | 'seq'> => ({
  seq: last?.seq ?? 0,
  lastMessage: last ? { id: last.id, senderId: 'a', type: 'text', preview: 'x', sentAt: ts(last.ms), seq: last.seq } : null,
});

describe('summaryWaitMs', () => {
  it('summarises the first message after a quiet spell at once', () => {
    expect(summaryWaitMs(chat(null), { id: 'm', createdAtMs: 5_000 }, 5_100)).toBe(0);
    expect(summaryWaitMs(chat({ id: 'a', ms: 1_000, seq: 1 }), { id: 'm', createdAtMs: 1_000 + SUMMARY_INTERVAL_MS }, 9_999)).toBe(0);
  });

  it('waits until one interval after the summarised message in a burst', () => {
    expect(summaryWaitMs(chat({ id: 'a', ms: 1_000, seq: 1 }), { id: 'm', createdAtMs: 1_300 }, 1_400)).toBe(SUMMARY_INTERVAL_MS - 400);
    expect(summaryWaitMs(chat({ id: 'a', ms: 1_000, seq: 1 }), { id: 'm', createdAtMs: 1_300 }, 2_500)).toBe(0);
  });

  it('does not wait for a message the summary already covers', () => {
    expect(summaryWaitMs(chat({ id: 'z', ms: 1_300, seq: 4 }), { id: 'm', createdAtMs: 1_300 }, 1_400)).toBe(0);
  });
});

describe('planSummary', () => {
  it('moves the summary to the newest message and counts the messages added', () => {
    const patch = planSummary({ chat: chat({ id: 'a', ms: 1_000, seq: 7 }), newest: { id: 'n', message: message(2_000) }, added: 3 });
    expect(patch).toMatchObject({ seq: 10, lastMessage: { id: 'n', senderId: 'b', preview: 'hi', seq: 10 } });
    expect(patch?.lastMessageAt?.toMillis()).toBe(2_000);
  });

  it('never goes backwards and writes nothing when the summary is current (replays)', () => {
    const current = chat({ id: 'n', ms: 2_000, seq: 10 });
    expect(planSummary({ chat: current, newest: { id: 'n', message: message(2_000) }, added: 0 })).toBeNull();
    expect(planSummary({ chat: current, newest: { id: 'm', message: message(1_500) }, added: 1 })).toBeNull();
    expect(planSummary({ chat: current, newest: null, added: 0 })).toBeNull();
  });
});
