/**
 * Settings → "Notifications on this device": the only place Natter asks for notification
 * permission (on the user's click, never on page load). Where push cannot work it says why.
 */
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import type { PushStatus } from '../lib/push/webPush.ts';
import { useSession } from '../state/session.tsx';
import { Notice } from './common.tsx';

export function DeviceNotifications() {
  const { uid, report } = useSession();
  const [status, setStatus] = useState<PushStatus | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.push.status(uid).then((next) => live && setStatus(next), report);
    return () => {
      live = false;
    };
  }, [uid, report]);

  function toggle(on: boolean) {
    setBusy(true);
    (on ? api.push.enable(uid) : api.push.disable(uid))
      .then(setStatus, report)
      .finally(() => setBusy(false));
  }

  const reason = status?.kind === 'unavailable' || status?.kind === 'blocked' ? status.reason : null;
  return (
    <section className="info-section" aria-label="Notifications">
      <h3>Notifications</h3>
      <label className="switch">
        <input
          type="checkbox"
          name="deviceNotifications"
          checked={status?.kind === 'on'}
          disabled={status === null || busy || reason !== null}
          onChange={(e) => toggle(e.target.checked)}
        />
        Notifications on this device
      </label>
      {reason ? <Notice>{reason}</Notice> : <p className="hint">New messages show as notifications here while Natter is not on screen.</p>}
    </section>
  );
}
