/**
 * Polls: starting one (a `poll` message through the messages API), voting (the member's own vote
 * document: one write, no fan-out), retracting, and a live tally of a poll's votes with who chose
 * what. Every write is validated with the shared model first.
 */
import { collection, deleteDoc, doc, onSnapshot, serverTimestamp, setDoc } from 'firebase/firestore';
import { describeIssues, paths, pollSchema, tallyPoll, voteFits, type Poll, type PollTally } from '@natter/model';
import { InvalidInputError } from './functions.ts';
import type { MessagesApi, SentMessage } from './messages.ts';
import { requireUid, type Services } from './services.ts';

export interface PollVotes {
  tally: PollTally;
  /** The caller's own choices, or none. */
  mine: string[];
}

export function pollsApi(services: Pick<Services, 'auth' | 'db'>, messages: Pick<MessagesApi, 'send'>) {
  const { db } = services;
  return {
    /** Starts a poll: the question is the message text. Options are trimmed; blank ones dropped. */
    start(chatId: string, question: string, options: string[], multiple: boolean): SentMessage {
      const poll = pollSchema.safeParse({ options: options.map((o) => o.trim()).filter((o) => o.length > 0), multiple });
      if (!poll.success) throw new InvalidInputError(describeIssues(poll.error));
      return messages.send(chatId, { type: 'poll', text: question.trim(), poll: poll.data });
    },

    /** Sets the caller's vote (replacing any earlier one). */
    async vote(chatId: string, pollId: string, poll: Poll, choices: string[]): Promise<void> {
      const uid = requireUid(services);
      if (!voteFits(poll, choices)) throw new InvalidInputError(poll.multiple ? 'Choose one or more of the options.' : 'Choose one option.');
      await setDoc(doc(db, paths.pollVote(chatId, pollId, uid)), { choices, updatedAt: serverTimestamp() });
    },

    async retract(chatId: string, pollId: string): Promise<void> {
      await deleteDoc(doc(db, paths.pollVote(chatId, pollId, requireUid(services))));
    },

    /** Live counts and voters; one read per vote when opened, then one per change. */
    watch(chatId: string, pollId: string, poll: Poll, onChange: (votes: PollVotes) => void, onError: (error: Error) => void): () => void {
      const uid = requireUid(services);
      return onSnapshot(
        collection(db, paths.pollVotes(chatId, pollId)),
        (snapshot) => {
          const votes = snapshot.docs.map((d) => ({ uid: d.id, choices: Array.isArray(d.get('choices')) ? (d.get('choices') as unknown[]).filter((c): c is string => typeof c === 'string') : [] }));
          onChange({ tally: tallyPoll(poll, votes), mine: votes.find((v) => v.uid === uid)?.choices ?? [] });
        },
        onError,
      );
    },
  };
}
export type PollsApi = ReturnType<typeof pollsApi>;
