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
  it('summarises at once when the chat was last written an interval ago or more (a quiet spell)', () => {
    expect(summaryWaitMs(1_000, 1_000 + SUMMARY_INTERVAL_MS)).toBe(0);
    expect(summaryWaitMs(1_000, 60_000)).toBe(0);
  });

  it('waits until one interval after the last write in a burst, however far the summary trails', () => {
    expect(summaryWaitMs(1_000, 1_400)).toBe(SUMMARY_INTERVAL_MS - 400);
    expect(summaryWaitMs(1_000, 1_000)).toBe(SUMMARY_INTERVAL_MS);
  });

  it('never waits longer than one interval, even with a clock behind the write', () => {
    expect(summaryWaitMs(5_000, 1_000)).toBe(SUMMARY_INTERVAL_MS);
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
