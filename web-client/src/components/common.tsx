/** Small building blocks: avatars, receipt ticks, dialogs, alerts and notices. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { ReceiptState } from '../lib/receipts.ts';
import { initials } from '../lib/format.ts';
import { useSession } from '../state/session.tsx';

export function Avatar({ name, photoURL, size = 40 }: { name: string; photoURL?: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (photoURL) return <img className="avatar" src={photoURL} alt="" style={style} />;
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span className="avatar" aria-hidden="true" style={{ ...style, background: `hsl(${hue} 45% 55%)` }}>
      {initials(name)}
    </span>
  );
}

const TICK_LABELS: Record<ReceiptState | 'failed', string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

/** WhatsApp-style ticks: a clock while pending, one grey tick sent, two grey delivered, two blue read. */
export function Ticks({ state }: { state: ReceiptState | 'failed' }) {
  const glyph = state === 'pending' ? '🕓' : state === 'failed' ? '⚠' : state === 'sent' ? '✓' : '✓✓';
  return (
    <span className={`ticks ticks-${state}`} data-receipt={state} title={TICK_LABELS[state]} aria-label={TICK_LABELS[state]} role="img">
      {glyph}
    </span>
  );
}

/** A modal dialog built on <dialog>: focus moves in, Escape closes, focus returns on close. */
export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}

/** Every error the session collected, in words, until dismissed. */
export function Alerts() {
  const { alerts, dismiss } = useSession();
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" aria-live="assertive">
      {alerts.map((alert) => (
        <div key={alert.id} role={alert.kind === 'error' ? 'alert' : 'status'} className={`alert alert-${alert.kind}`}>
          <span>{alert.text}</span>
          <button type="button" className="icon-button" onClick={() => dismiss(alert.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

/** A form's failure, announced to screen readers; nothing when there is none. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error}
    </p>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'warning' }) {
  return (
    <p className={`notice notice-${kind}`} role="note">
      {children}
    </p>
  );
}
