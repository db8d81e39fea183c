/** Joining a group from an invite link (`/join/{code}`), after asking. */
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { Dialog } from './common.tsx';

export function JoinInvite({ code, onJoined, onDone }: { code: string; onJoined: (chatId: string) => void; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function join() {
    setBusy(true);
    setError(null);
    try {
      const { chatId } = await api.functions.joinByInvite({ code });
      onJoined(chatId);
      onDone();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title="Join group" onClose={onDone}>
      <p>You were invited to a group on Natter. Join it?</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row end">
        <button type="button" onClick={onDone}>
          Not now
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void join()}>
          Join group
        </button>
      </div>
    </Dialog>
  );
}
