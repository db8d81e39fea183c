/**
 * Polls: a message of type `poll` whose text is the question and whose `poll` holds the options,
 * and one vote document per member, `chats/{chatId}/messages/{pollId}/votes/{uid}`, that only the
 * member writes (change it to change the vote, delete it to retract). A vote costs one write and
 * fans out to nobody; counts and who voted what are read from the votes.
 */
import { z } from 'zod';
import { POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, POLL_OPTION_MAX_LENGTH } from '../limits.ts';
import { timestampSchema } from './common.ts';

/** One line of 1-100 characters, not blank. */
export const pollOptionSchema = z
  .string()
  .min(1)
  .max(POLL_OPTION_MAX_LENGTH)
  .regex(/^[^\n]+$/, 'must be one line')
  .refine((option) => option.trim().length > 0, 'must not be blank');

export const pollSchema = z.strictObject({
  options: z
    .array(pollOptionSchema)
    .min(POLL_MIN_OPTIONS)
    .max(POLL_MAX_OPTIONS)
    .refine((options) => new Set(options).size === options.length, 'options must all differ'),
  /** Whether a member may choose several options. */
  multiple: z.boolean(),
});
export type Poll = z.infer<typeof pollSchema>;
export const POLL_FIELDS = ['options', 'multiple'] as const;

/** A member's vote: the options they chose (one unless the poll allows several); `updatedAt` is the request time. */
export const pollVoteSchema = z.strictObject({
  choices: z.array(pollOptionSchema).min(1).max(POLL_MAX_OPTIONS),
  updatedAt: timestampSchema,
});
export type PollVote = z.infer<typeof pollVoteSchema>;
export const POLL_VOTE_FIELDS = ['choices', 'updatedAt'] as const;

/** Whether `choices` is a vote the poll accepts: options of the poll, no repeats, one unless multiple. */
export function voteFits(poll: Poll, choices: readonly string[]): boolean {
  return choices.length >= 1
    && (poll.multiple || choices.length === 1)
    && new Set(choices).size === choices.length
    && choices.every((choice) => poll.options.includes(choice));
}

export interface PollTally {
  /** Votes per option, in the poll's order. */
  counts: number[];
  /** Who chose each option, in the poll's order. */
  voters: string[][];
  /** Members with a vote that fits the poll. */
  totalVoters: number;
}

/** Counts the votes as they are; a vote that does not fit the poll (none should) counts nowhere. */
export function tallyPoll(poll: Poll, votes: readonly { uid: string; choices: readonly string[] }[]): PollTally {
  const voters = poll.options.map(() => [] as string[]);
  let totalVoters = 0;
  for (const vote of votes) {
    if (!voteFits(poll, vote.choices)) continue;
    totalVoters += 1;
    for (const choice of vote.choices) voters[poll.options.indexOf(choice)]?.push(vote.uid);
  }
  return { counts: voters.map((list) => list.length), voters, totalVoters };
}
