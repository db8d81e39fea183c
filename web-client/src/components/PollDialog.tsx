/** Starting a poll: a question, 2-12 options (rows appear as the last one is filled) and single or multiple choice. */
import { useState, type FormEvent } from 'react';
import { POLL_MAX_OPTIONS, POLL_OPTION_MAX_LENGTH, POLL_QUESTION_MAX_LENGTH } from '@natter/model';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import type { SentMessage } from '../lib/firebase/messages.ts';
import { Dialog, FormError } from './common.tsx';

export function PollDialog({ chatId, onClose, track }: { chatId: string; onClose: () => void; track: (sent: SentMessage) => void }) {
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filled = options.filter((o) => o.trim()).length;

  function setOption(i: number, value: string) {
    const next = options.map((o, j) => (j === i ? value : o));
    // A fresh empty row once the last one has text, up to the limit.
    if (next.at(-1)?.trim() && next.length < POLL_MAX_OPTIONS) next.push('');
    setOptions(next);
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      track(api.polls.start(chatId, question, options, multiple));
      onClose();
    } catch (caught) {
      setError(describeError(caught));
    }
  }
  return (
    <Dialog title="Create poll" onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>Question</span>
          <input value={question} maxLength={POLL_QUESTION_MAX_LENGTH} onChange={(e) => setQuestion(e.target.value)} required />
        </label>
        {options.map((option, i) => (
          <label key={i} className="field">
            <span>Option {i + 1}</span>
            <input value={option} maxLength={POLL_OPTION_MAX_LENGTH} onChange={(e) => setOption(i, e.target.value)} />
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} /> Allow multiple answers
        </label>
        <button type="submit" className="primary" disabled={!question.trim() || filled < 2}>
          Send poll
        </button>
        <FormError error={error} />
      </form>
    </Dialog>
  );
}
