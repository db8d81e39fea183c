/**
 * The chat list: realtime, newest activity first with pinned chats on top, unread badges, the last
 * message with its sender, time and (for one's own) ticks, muted / pinned / archived, and a search
 * by name. Archived chats sit behind their own entry, as in WhatsApp.
 */
import { useMemo, useState } from 'react';
import { api } from '../lib/api.ts';
import { listTime } from '../lib/format.ts';
import { receiptFor } from '../lib/receipts.ts';
import { useSession } from '../state/session.tsx';
import { useProfiles } from '../state/profiles.ts';
import { chatTitle, otherMember } from '../state/chatTitle.ts';
import type { ChatSummary } from '../state/useChatList.ts';
import { Avatar, Dialog, Ticks } from './common.tsx';

const MUTE_OPTIONS: { label: string; ms: number }[] = [
  { label: 'Mute for 8 hours', ms: 8 * 3_600_000 },
  { label: 'Mute for 1 week', ms: 7 * 86_400_000 },
  { label: 'Mute always', ms: 100 * 365 * 86_400_000 },
];

export interface ChatListProps {
  chats: ChatSummary[] | null;
  selectedId: string | null;
  onOpen: (chatId: string) => void;
}

export function ChatList({ chats, selectedId, onOpen }: ChatListProps) {
  const { uid, profiles } = useSession();
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [optionsFor, setOptionsFor] = useState<ChatSummary | null>(null);

  const uids = useMemo(() => (chats ?? []).flatMap(({ chat }) => {
    const other = otherMember(chat, uid);
    const sender = chat.lastMessage?.senderId;
    return [...(other ? [other] : []), ...(sender && chat.type === 'group' ? [sender] : [])];
  }), [chats, uid]);
  const people = useProfiles(profiles, uids);

  const rows = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (chats ?? [])
      .map((summary) => ({ summary, title: chatTitle(summary.chat, uid, people) }))
      .filter(({ summary, title }) => (term ? title.toLowerCase().includes(term) : (summary.me?.archived ?? false) === showArchived))
      .sort((a, b) => Number(b.summary.me?.pinned ?? false) - Number(a.summary.me?.pinned ?? false));
  }, [chats, people, search, showArchived, uid]);
  const archivedCount = (chats ?? []).filter((c) => c.me?.archived).length;

  return (
    <section className="chat-list" aria-labelledby="chats-title">
      <h2 id="chats-title" className="visually-hidden">
        {showArchived ? 'Archived chats' : 'Chats'}
      </h2>
      <div className="search">
        <input
          type="search"
          aria-label="Search chats by name"
          placeholder="Search chats"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {showArchived ? (
        <button type="button" className="archived-entry" onClick={() => setShowArchived(false)}>
          ← Back to chats
        </button>
      ) : (
        archivedCount > 0 && !search && (
          <button type="button" className="archived-entry" onClick={() => setShowArchived(true)}>
            🗄 Archived <span className="count">{archivedCount}</span>
          </button>
        )
      )}
      {chats === null && <p className="status">Loading chats…</p>}
      {chats !== null && rows.length === 0 && <p className="status">{search ? 'No chats match that name.' : 'No chats yet. Start one with the ✎ button.'}</p>}
      <ul>
        {rows.map(({ summary, title }) => (
          <ChatRow
            key={summary.id}
            summary={summary}
            title={title}
            senderName={summary.chat.lastMessage ? (people.get(summary.chat.lastMessage.senderId)?.displayName ?? null) : null}
            selected={summary.id === selectedId}
            onOpen={() => onOpen(summary.id)}
            onOptions={() => setOptionsFor(summary)}
          />
        ))}
      </ul>
      {optionsFor && <ChatOptions summary={optionsFor} onClose={() => setOptionsFor(null)} />}
    </section>
  );
}

function ChatRow({
  summary,
  title,
  senderName,
  selected,
  onOpen,
  onOptions,
}: {
  summary: ChatSummary;
  title: string;
  senderName: string | null;
  selected: boolean;
  onOpen: () => void;
  onOptions: () => void;
}) {
  const { uid } = useSession();
  const { chat, me, members, unread, muted } = summary;
  const last = chat.lastMessage;
  const mine = last?.senderId === uid;
  const receipt = mine && last && members ? receiptFor(last.seq, uid, members).state : null;
  const sender = last && chat.type === 'group' && last.type !== 'system' ? (mine ? 'You' : (senderName ?? '…')) : null;
  const other = otherMember(chat, uid);
  const otherProfile = useSession().profiles.get(other ?? '');

  return (
    <li className={`chat-row${selected ? ' selected' : ''}`} data-chat-id={summary.id} data-unread={unread}>
      <button type="button" className="chat-open" onClick={onOpen} aria-current={selected ? 'true' : undefined}>
        <Avatar name={title} photoURL={chat.type === 'group' ? chat.photoURL : (otherProfile?.photoURL ?? null)} size={48} />
        <span className="chat-text">
          <span className="chat-line">
            <span className="chat-name">{title}</span>
            {last && <span className={`chat-time${unread > 0 && !muted ? ' unread' : ''}`}>{listTime(last.sentAt.toMillis())}</span>}
          </span>
          <span className="chat-line">
            <span className="chat-preview">
              {receipt && <Ticks state={receipt} />}
              {sender && <span className="chat-sender">{sender}: </span>}
              {last?.preview ?? (chat.type === 'group' ? 'Group created' : 'No messages yet')}
            </span>
            <span className="chat-badges">
              {muted && <span aria-label="Muted" title="Muted">🔕</span>}
              {me?.pinned && <span aria-label="Pinned" title="Pinned">📌</span>}
              {unread > 0 && (
                <span className={`badge${muted ? ' muted' : ''}`} aria-label={`${unread} unread`} data-testid="unread-badge">
                  {unread}
                </span>
              )}
            </span>
          </span>
        </span>
      </button>
      <button type="button" className="icon-button row-options" aria-label={`Options for ${title}`} onClick={onOptions}>
        ⋯
      </button>
    </li>
  );
}

function ChatOptions({ summary, onClose }: { summary: ChatSummary; onClose: () => void }) {
  const { report } = useSession();
  const { id, me, muted } = summary;
  const act = (action: () => Promise<void>) => () => {
    action().then(onClose, report);
  };
  return (
    <Dialog title="Chat options" onClose={onClose}>
      <div className="menu">
        <button type="button" onClick={act(() => api.chats.setPreferences(id, { pinned: !me?.pinned }))}>
          {me?.pinned ? 'Unpin chat' : 'Pin chat'}
        </button>
        <button type="button" onClick={act(() => api.chats.setPreferences(id, { archived: !me?.archived }))}>
          {me?.archived ? 'Unarchive chat' : 'Archive chat'}
        </button>
        {muted ? (
          <button type="button" onClick={act(() => api.chats.mute(id, null))}>
            Unmute notifications
          </button>
        ) : (
          MUTE_OPTIONS.map((option) => (
            <button key={option.label} type="button" onClick={act(() => api.chats.mute(id, option.ms))}>
              {option.label}
            </button>
          ))
        )}
      </div>
    </Dialog>
  );
}
