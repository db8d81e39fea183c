/** Scheduling a message for later (the server sends it at that time) and cancelling waiting ones. */
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_SCHEDULE_AHEAD_MS } from '@natter/model';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import type { ScheduledView } from '../lib/firebase/messages.ts';
import { dayLabel, timeOfDay } from '../lib/format.ts';
import { useSession } from '../state/session.tsx';
import { Dialog, FormError } from './common.tsx';

/** `datetime-local` wants local time without a zone: "2026-03-18T15:30". */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function ScheduleDialog({ chatId, initialText, onClose, onScheduled }: { chatId: string; initialText: string; onClose: () => void; onScheduled: () => void }) {
  const { report } = useSession();
  const [text, setText] = useState(initialText);
  const [when, setWhen] = useState(() => localInputValue(Date.now() + 3_600_000));
  const [error, setError] = useState<string | null>(null);
  const [scheduled, setScheduled] = useState<ScheduledView[]>([]);
  useEffect(() => api.messages.watchScheduled(chatId, setScheduled, report), [chatId, report]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const sendAt = new Date(when);
    if (Number.isNaN(sendAt.getTime()) || sendAt.getTime() <= Date.now()) {
      setError('Pick a time in the future.');
      return;
    }
    try {
      await api.functions.scheduleMessage({ chatId, text: text.trim(), sendAt: sendAt.toISOString() });
      onScheduled();
      setText('');
    } catch (caught) {
      setError(describeError(caught));
    }
  }
  return (
    <Dialog title="Schedule a message" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>Message</span>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
        </label>
        <label className="field">
          <span>Send at</span>
          <input
            type="datetime-local"
            value={when}
            min={localInputValue(Date.now())}
            max={localInputValue(Date.now() + MAX_SCHEDULE_AHEAD_MS)}
            onChange={(e) => setWhen(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="primary" disabled={!text.trim()}>
          Schedule
        </button>
        <FormError error={error} />
      </form>
      {scheduled.length > 0 && (
        <section className="info-section" aria-label="Scheduled messages">
          <h4>Waiting to be sent</h4>
          <ul className="member-list">
            {scheduled.map((item) => (
              <li key={item.id} className="member">
                <span className="member-name">
                  {item.text}
                  <span className="person-about">
                    {dayLabel(item.sendAtMs)} {timeOfDay(item.sendAtMs)}
                  </span>
                </span>
                <button type="button" className="link danger" onClick={() => void api.functions.cancelScheduledMessage({ id: item.id }).catch(report)}>
                  Cancel
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
