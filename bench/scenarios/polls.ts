/**
 * A poll in a 1,024-member group: `voters` members vote at once, each as themselves under the
 * rules (the emulator's REST API with a per-user token, so hundreds of users write concurrently
 * without a client SDK each), then a member opens the poll. Every figure is a count: votes landed,
 * writes per vote, what functions wrote because of the votes, and reads to show the tally.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths, pollVoteSchema, tallyPoll, type Poll } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { writeAs } from '../../tests/support/restAs.ts';
import { untilSummarised } from '../../tests/support/summaries.ts';
import { entriesSince, ledgerMark, waitLedgerQuiet } from '../lib/ledger.ts';
import { progress } from '../lib/time.ts';
import { createGroup, memberIds } from './natter.ts';

export interface PollRun {
  size: number;
  voters: number;
  /** Votes the server accepted and votes found counted afterwards. */
  accepted: number;
  counted: number;
  /** Client writes per vote (the voter's own document). */
  writesPerVote: number;
  /** Documents functions wrote while the votes landed (goal 0: no fan-out). */
  functionWrites: number;
  /** Documents a member reads to show the tally and the voters (one per vote). */
  readsToShow: number;
}

const POLL: Poll = { options: ['Friday', 'Saturday', 'Sunday'], multiple: false };

export async function measurePoll(size: number, voters: number): Promise<PollRun> {
  const chatId = `bench-poll-${size}`;
  const uids = memberIds(`v${size}`, size);
  await createGroup(chatId, uids);
  await adminDb.doc(paths.message(chatId, 'poll')).set({ senderId: uids[0], type: 'poll', text: 'Which day?', poll: POLL, createdAt: Timestamp.now() });
  await untilSummarised(chatId, 'poll');
  await waitLedgerQuiet();

  const mark = ledgerMark();
  const voting = uids.slice(1, voters + 1);
  const statuses = await Promise.all(
    voting.map((uid, i) => writeAs(uid, paths.pollVote(chatId, 'poll', uid), { choices: [POLL.options[i % POLL.options.length]!] }, ['updatedAt'])),
  );
  await waitLedgerQuiet();
  const functionWrites = entriesSince(mark).flatMap((e) => e.paths).length;
  const snap = await adminDb.collection(paths.pollVotes(chatId, 'poll')).get();
  const tally = tallyPoll(POLL, snap.docs.map((d) => ({ uid: d.id, ...pollVoteSchema.parse(d.data()) })));
  progress(`poll: ${voting.length} votes at once, ${tally.totalVoters} counted, ${functionWrites} function writes`);
  return {
    size,
    voters: voting.length,
    accepted: statuses.filter((status) => status === 200).length,
    counted: tally.totalVoters,
    writesPerVote: 1,
    functionWrites,
    readsToShow: snap.size,
  };
}
