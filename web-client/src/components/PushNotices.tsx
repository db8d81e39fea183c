/** Pushes that arrive while Natter is on screen, for a chat other than the open one. */
import type { PushNotice } from '../lib/push/protocol.ts';

export function PushNotices({ notices, onOpen, onDismiss }: { notices: PushNotice[]; onOpen: (chatId: string) => void; onDismiss: (tag: string) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="push-notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.tag} role="status" className="push-notice" data-chat-id={notice.chatId}>
          <button type="button" className="push-notice-open" onClick={() => onOpen(notice.chatId)}>
            <strong>{notice.title}</strong>
            <span>{notice.body}</span>
          </button>
          <button type="button" className="icon-button" onClick={() => onDismiss(notice.tag)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
