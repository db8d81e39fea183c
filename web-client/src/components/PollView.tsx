/**
 * A poll inside its message bubble: the options with live counts and bars, the caller's own
 * choice marked, who chose each option (polls are not anonymous), and voting, changing and
 * retracting in place. One vote is one write of the member's own vote document.
 */
import { useEffect, useState } from 'react';
import type { Poll } from '@natter/model';
import { api } from '../lib/api.ts';
import type { PollVotes } from '../lib/firebase/polls.ts';
import { useDisplayName, useSession } from '../state/session.tsx';

/** `sent`: the server has the poll; until then its votes cannot be read (rules check the poll). */
export function PollView({ chatId, pollId, question, poll, sent }: { chatId: string; pollId: string; question: string; poll: Poll; sent: boolean }) {
  const { report } = useSession();
  const [votes, setVotes] = useState<PollVotes | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // Options are fixed once sent, so their text identifies the poll's shape.
  const shape = `${poll.multiple}|${poll.options.join('\n')}`;
  useEffect(() => (sent ? api.polls.watch(chatId, pollId, poll, setVotes, report) : undefined), [chatId, pollId, shape, sent, report]);

  const mine = votes?.mine ?? [];
  const total = votes?.tally.totalVoters ?? 0;
  function choose(option: string) {
    const next = poll.multiple ? (mine.includes(option) ? mine.filter((o) => o !== option) : [...mine, option]) : [option];
    const write = next.length === 0 ? api.polls.retract(chatId, pollId) : api.polls.vote(chatId, pollId, poll, next);
    write.catch(report);
  }
  return (
    <div className="poll" role="group" aria-label={`Poll: ${question}`}>
      <p className="poll-question">📊 {question}</p>
      <p className="poll-hint">{poll.multiple ? 'Select one or more' : 'Select one'}</p>
      <ul className="poll-options">
        {poll.options.map((option, i) => {
          const count = votes?.tally.counts[i] ?? 0;
          const chosen = mine.includes(option);
          return (
            <li key={option} className={`poll-option${chosen ? ' chosen' : ''}`}>
              <button
                type="button"
                role={poll.multiple ? 'checkbox' : 'radio'}
                aria-checked={chosen}
                aria-label={`${option}: ${count} vote${count === 1 ? '' : 's'}`}
                disabled={!sent}
                onClick={() => choose(option)}
              >
                <span className="poll-mark" aria-hidden="true">{chosen ? (poll.multiple ? '☑' : '◉') : poll.multiple ? '☐' : '○'}</span>
                <span className="poll-label">{option}</span>
                <span className="poll-count" data-testid="poll-count">{count}</span>
              </button>
              <span className="poll-bar" style={{ width: `${total ? Math.round((count / total) * 100) : 0}%` }} aria-hidden="true" />
              {count > 0 && (
                <button type="button" className="link poll-voters-toggle" onClick={() => setOpen(open === option ? null : option)}>
                  {open === option ? 'Hide voters' : 'Who voted'}
                </button>
              )}
              {open === option && (
                <ul className="poll-voters" aria-label={`Voted for ${option}`}>
                  {(votes?.tally.voters[i] ?? []).map((uid) => <Voter key={uid} uid={uid} />)}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <p className="poll-total">
        {total} {total === 1 ? 'vote' : 'votes'}
        {mine.length > 0 && (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => void api.polls.retract(chatId, pollId).catch(report)}>
              Retract my vote
            </button>
          </>
        )}
      </p>
    </div>
  );
}

function Voter({ uid }: { uid: string }) {
  return <li>{useDisplayName(uid)}</li>;
}
