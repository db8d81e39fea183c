import { describe, expect, it } from 'vitest';
import { newMessageSchema } from './messages.ts';
import { pollSchema, tallyPoll, voteFits, type Poll } from './polls.ts';

const single: Poll = { options: ['Pizza', 'Sushi', 'Tacos'], multiple: false };
const multi: Poll = { ...single, multiple: true };
const pollMessage = (over: Record<string, unknown> = {}) => ({ senderId: 'ana', type: 'poll', text: 'Lunch?', poll: single, ...over });

describe('a poll message', () => {
  it('is a question with 2-12 distinct one-line options', () => {
    expect(newMessageSchema.safeParse(pollMessage()).success).toBe(true);
    expect(pollSchema.safeParse({ options: ['only'], multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: Array.from({ length: 13 }, (_, i) => `o${i}`), multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: ['a', 'a'], multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: ['a\nb', 'c'], multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: ['  ', 'c'], multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: ['x'.repeat(101), 'c'], multiple: false }).success).toBe(false);
    expect(pollSchema.safeParse({ options: ['x'.repeat(100), 'c'], multiple: false }).success).toBe(true);
  });

  it('needs a question of at most 256 characters, no media, and a poll only on a poll', () => {
    expect(newMessageSchema.safeParse(pollMessage({ text: 'q'.repeat(257) })).success).toBe(false);
    expect(newMessageSchema.safeParse(pollMessage({ text: 'q'.repeat(256) })).success).toBe(true);
    expect(newMessageSchema.safeParse(pollMessage({ text: ' ' })).success).toBe(false);
    expect(newMessageSchema.safeParse(pollMessage({ poll: undefined })).success).toBe(false);
    expect(newMessageSchema.safeParse(pollMessage({ type: 'text' })).success).toBe(false);
    expect(newMessageSchema.safeParse(pollMessage({ media: { path: 'chats/c/m/a.jpg', contentType: 'image/jpeg', size: 1, name: 'a.jpg' } })).success).toBe(false);
  });
});

describe('votes', () => {
  it('fit when they name options of the poll, once each, one unless the poll allows several', () => {
    expect(voteFits(single, ['Sushi'])).toBe(true);
    expect(voteFits(single, ['Sushi', 'Tacos'])).toBe(false);
    expect(voteFits(multi, ['Sushi', 'Tacos'])).toBe(true);
    expect(voteFits(multi, ['Sushi', 'Sushi'])).toBe(false);
    expect(voteFits(single, ['Ramen'])).toBe(false);
    expect(voteFits(single, [])).toBe(false);
  });

  it('are tallied per option with their voters, and a vote that does not fit counts nowhere', () => {
    const tally = tallyPoll(multi, [
      { uid: 'ana', choices: ['Pizza', 'Tacos'] },
      { uid: 'ben', choices: ['Tacos'] },
      { uid: 'cai', choices: ['Ramen'] },
    ]);
    expect(tally).toEqual({ counts: [1, 0, 2], voters: [['ana'], [], ['ana', 'ben']], totalVoters: 2 });
  });
});
