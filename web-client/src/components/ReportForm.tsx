/** Reporting a message or a user to Natter's staff: a reason in words, confirmed on success. */
import { useState, type FormEvent } from 'react';
import { MAX_REPORT_REASON_LENGTH, type ReportTarget } from '@natter/model';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { FormError } from './common.tsx';

export function ReportForm({ target, onDone }: { target: ReportTarget; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState('sending');
    setError(null);
    try {
      await api.users.report(target, reason);
      setState('sent');
    } catch (caught) {
      setError(describeError(caught));
      setState('idle');
    }
  }
  if (state === 'sent') {
    return (
      <>
        <p className="success" role="status">
          Thanks. Your report was sent to Natter&apos;s moderators.
        </p>
        <button type="button" className="primary" onClick={onDone}>
          Done
        </button>
      </>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Report">
      <label className="field">
        <span>What is wrong?</span>
        <textarea value={reason} maxLength={MAX_REPORT_REASON_LENGTH} onChange={(e) => setReason(e.target.value)} required rows={3} />
      </label>
      <button type="submit" className="danger" disabled={state === 'sending' || !reason.trim()}>
        Send report
      </button>
      <FormError error={error} />
    </form>
  );
}
