/**
 * What one can do with a message: reply, react, edit (15 minutes), delete for everyone (60 hours),
 * forward, copy, message info ("read by k of n" in groups) and report.
 */
import { useEffect, useState } from 'react';
import { MARKER_DEBOUNCE_MS, groupReceipt, type Chat, type Member, type Message } from '@natter/model';
import { api } from '../lib/api.ts';
import { canDeleteForEveryone, canEdit, type MessageView, type SentMessage } from '../lib/firebase/messages.ts';
import { receiptFor } from '../lib/receipts.ts';
import { useSession } from '../state/session.tsx';
import { useProfiles } from '../state/profiles.ts';
import { chatTitle } from '../state/chatTitle.ts';
import type { ChatSummary } from '../state/useChatList.ts';
import { Dialog } from './common.tsx';
import { ReportForm } from './ReportForm.tsx';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

type Screen = 'menu' | 'info' | 'forward' | 'report' | 'confirm-delete';

export interface MessageMenuProps {
  chatId: string;
  chat: Chat;
  view: MessageView;
  message: Message;
  members: Member[];
  chats: ChatSummary[] | null;
  onClose: () => void;
  onReply: () => void;
  onEdit: () => void;
  onForwarded: (chatIds: string[]) => void;
  track: (sent: SentMessage) => void;
}

export function MessageMenu(props: MessageMenuProps) {
  const { chatId, view, message, onClose } = props;
  const { uid, report } = useSession();
  const [screen, setScreen] = useState<Screen>('menu');
  const mine = message.senderId === uid;
  const deleted = message.deletedForEveryone === true;
  const myReaction = message.reactions?.[uid] ?? null;

  const run = (action: () => Promise<void>) => {
    action().then(onClose, report);
  };

  if (screen === 'info') return <MessageInfo {...props} />;
  if (screen === 'forward') return <ForwardDialog {...props} />;
  if (screen === 'report') {
    return (
      <Dialog title="Report message" onClose={onClose}>
        <ReportForm target={{ type: 'message', chatId, messageId: view.id }} onDone={onClose} />
      </Dialog>
    );
  }
  if (screen === 'confirm-delete') {
    return (
      <Dialog title="Delete for everyone?" onClose={onClose}>
        <p>The message is removed for everyone in this chat. A note that it was deleted stays.</p>
        <div className="row end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => run(() => api.messages.deleteForEveryone(chatId, view.id, message))}>
            Delete for everyone
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Message" onClose={onClose}>
      {!deleted && !view.pending && (
        <div className="reaction-picker" role="group" aria-label="React">
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className={myReaction === emoji ? 'mine' : ''}
              aria-pressed={myReaction === emoji}
              aria-label={`React ${emoji}`}
              onClick={() => run(() => api.messages.react(chatId, view.id, myReaction === emoji ? null : emoji))}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      <div className="menu">
        {!deleted && (
          <button type="button" onClick={() => { props.onReply(); onClose(); }}>
            Reply
          </button>
        )}
        {myReaction && (
          <button type="button" onClick={() => run(() => api.messages.react(chatId, view.id, null))}>
            Remove my reaction {myReaction}
          </button>
        )}
        {canEdit(message, uid) && message.type === 'text' && (
          <button type="button" onClick={() => { props.onEdit(); onClose(); }}>
            Edit
          </button>
        )}
        {!deleted && message.text && (
          <button type="button" onClick={() => run(() => navigator.clipboard.writeText(message.text))}>
            Copy text
          </button>
        )}
        {!deleted && message.type === 'text' && (
          <button type="button" onClick={() => setScreen('forward')}>
            Forward
          </button>
        )}
        {mine && (
          <button type="button" onClick={() => setScreen('info')}>
            Message info
          </button>
        )}
        {canDeleteForEveryone(message, uid) && (
          <button type="button" className="danger" onClick={() => setScreen('confirm-delete')}>
            Delete for everyone
          </button>
        )}
        {!mine && (
          <button type="button" className="danger" onClick={() => setScreen('report')}>
            Report
          </button>
        )}
      </div>
    </Dialog>
  );
}

function MessageInfo({ chat, chatId, view, message, members, onClose }: MessageMenuProps) {
  return (
    <Dialog title="Message info" onClose={onClose}>
      <p className="quote-text">{message.text || '(no text)'}</p>
      {chat.type === 'group' ? (
        <GroupReadBy chatId={chatId} chat={chat} seq={view.seq} senderId={message.senderId} />
      ) : (
        <DirectReceipt seq={view.seq} senderId={message.senderId} members={members} />
      )}
      <p className="hint">People who turned read receipts off are counted as delivered only.</p>
    </Dialog>
  );
}

function DirectReceipt({ seq, senderId, members }: { seq: number | undefined; senderId: string; members: Member[] }) {
  const receipt = receiptFor(seq, senderId, members);
  return (
    <p className="receipt-summary" data-testid="read-by">
      {receipt.state === 'read' ? 'Read' : receipt.state === 'delivered' ? 'Delivered' : seq ? 'Sent' : 'Sending…'}
    </p>
  );
}

/** How often open message info asks again: members move markers at most once per MARKER_DEBOUNCE_MS. */
const RECEIPT_REFRESH_MS = MARKER_DEBOUNCE_MS;

/**
 * "Read by k of n", fetched while the sender looks (two count() queries over the members, asked
 * again every RECEIPT_REFRESH_MS while the dialog is open), never by watching every member's markers.
 */
function GroupReadBy({ chatId, chat, seq, senderId }: { chatId: string; chat: Chat; seq: number | undefined; senderId: string }) {
  const { uid, report } = useSession();
  const [counts, setCounts] = useState<{ readAtLeast: number; deliveredAtLeast: number } | null>(null);
  const [sender, setSender] = useState<Member | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setRound((n) => n + 1), RECEIPT_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (seq === undefined) return undefined;
    let live = true;
    Promise.all([api.chats.groupReceiptCounts(chatId, seq), senderId === uid ? api.chats.member(chatId, senderId) : Promise.resolve(null)])
      .then(([found, senderMarkers]) => {
        if (!live) return;
        setCounts(found);
        setSender(senderMarkers);
      })
      .catch(report);
    return () => {
      live = false;
    };
  }, [chatId, seq, senderId, uid, report, round]);
  const receipt = groupReceipt({
    messageSeq: counts ? seq : undefined,
    memberCount: chat.memberIds.length,
    readAtLeast: counts?.readAtLeast ?? 0,
    deliveredAtLeast: counts?.deliveredAtLeast ?? 0,
    sender,
  });
  return (
    <>
      <p className="receipt-summary" data-testid="read-by">
        Read by {receipt.read} of {receipt.recipients}
      </p>
      <p className="muted">Delivered to {receipt.delivered} of {receipt.recipients}</p>
    </>
  );
}

function ForwardDialog({ message, chats, onClose, onForwarded, track }: MessageMenuProps) {
  const { uid, profiles, report } = useSession();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const people = useProfiles(profiles, (chats ?? []).flatMap((c) => c.chat.memberIds));
  const targets = chats ?? [];
  function forward() {
    try {
      const ids = [...selected];
      for (const sent of api.messages.forward(message, ids)) track(sent);
      onForwarded(ids);
      onClose();
    } catch (error) {
      report(error);
    }
  }
  return (
    <Dialog title="Forward to…" onClose={onClose}>
      <ul className="pick-list">
        {targets.map((c) => {
          const title = chatTitle(c.chat, uid, people);
          return (
            <li key={c.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.has(c.id)}
                  onChange={(e) => {
                    const next = new Set(selected);
                    if (e.target.checked) next.add(c.id);
                    else next.delete(c.id);
                    setSelected(next);
                  }}
                />
                {title}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="row end">
        <button type="button" className="primary" disabled={selected.size === 0} onClick={forward}>
          Forward{selected.size > 0 ? ` to ${selected.size}` : ''}
        </button>
      </div>
    </Dialog>
  );
}
