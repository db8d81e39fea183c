/**
 * Chat info: the group's info (GroupInfo.tsx), or for a direct chat the contact's profile, block /
 * unblock and report; for both, mute, pin and archive.
 */
import { useEffect, useState } from 'react';
import type { Chat, Member } from '@natter/model';
import { api } from '../lib/api.ts';
import { lastSeenText } from '../lib/format.ts';
import { useSession, useUserProfile } from '../state/session.tsx';
import { otherMember } from '../state/chatTitle.ts';
import { Avatar, Dialog } from './common.tsx';
import { ReportForm } from './ReportForm.tsx';
import { GroupInfo } from './GroupInfo.tsx';


export function ChatInfo({ chatId, onClose, onLeft }: { chatId: string; onClose: () => void; onLeft: () => void }) {
  const { report } = useSession();
  const [chat, setChat] = useState<Chat | null | undefined>(undefined);
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => api.chats.watchChat(chatId, setChat, report), [chatId, report]);
  useEffect(() => api.chats.watchMembers(chatId, setMembers, report), [chatId, report]);

  return (
    <aside className="chat-info" aria-labelledby="chat-info-title">
      <header className="panel-header">
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close chat info">
          ✕
        </button>
        <h2 id="chat-info-title">{chat?.type === 'group' ? 'Group info' : 'Contact info'}</h2>
      </header>
      <div className="panel-body">
        {chat === undefined && <p className="status">Loading…</p>}
        {chat === null && <p className="status">This chat is not available.</p>}
        {chat?.type === 'group' && <GroupInfo chatId={chatId} chat={chat} members={members} onLeft={onLeft} />}
        {chat?.type === 'direct' && <ContactInfo chat={chat} />}
        {chat && <ChatPreferences chatId={chatId} members={members} />}
      </div>
    </aside>
  );
}

function ChatPreferences({ chatId, members }: { chatId: string; members: Member[] }) {
  const { uid, report } = useSession();
  const me = members.find((m) => m.uid === uid);
  if (!me) return null;
  const muted = (me.mutedUntil?.toMillis() ?? 0) > Date.now();
  return (
    <section className="info-section" aria-label="Preferences">
      <label className="switch">
        <input type="checkbox" checked={muted} onChange={(e) => void api.chats.mute(chatId, e.target.checked ? 8 * 3_600_000 : null).catch(report)} />
        Mute notifications{muted ? ' (8 hours)' : ''}
      </label>
      <label className="switch">
        <input type="checkbox" checked={me.pinned} onChange={(e) => void api.chats.setPreferences(chatId, { pinned: e.target.checked }).catch(report)} />
        Pin to top
      </label>
      <label className="switch">
        <input type="checkbox" checked={me.archived} onChange={(e) => void api.chats.setPreferences(chatId, { archived: e.target.checked }).catch(report)} />
        Archived
      </label>
    </section>
  );
}

function ContactInfo({ chat }: { chat: Chat }) {
  const { uid, blocked, report } = useSession();
  const other = otherMember(chat, uid);
  const profile = useUserProfile(other);
  const [reporting, setReporting] = useState(false);
  if (!other || other === uid) return <p>Your own notes.</p>;
  const isBlocked = blocked.has(other);
  return (
    <>
      <section className="info-hero">
        <Avatar name={profile?.displayName ?? '?'} photoURL={profile?.photoURL} size={96} />
        <h3>{profile?.displayName ?? '…'}</h3>
        <p className="muted">{profile?.online ? 'online' : profile?.lastSeenAt ? lastSeenText(profile.lastSeenAt.toMillis()) : ''}</p>
      </section>
      <section className="info-section" aria-label="About">
        <h4>About</h4>
        <p>{profile?.about || '—'}</p>
      </section>
      <section className="info-section danger-zone">
        <button type="button" className="danger" onClick={() => void (isBlocked ? api.users.unblock(other) : api.users.block(other)).catch(report)}>
          {isBlocked ? `Unblock ${profile?.displayName ?? ''}` : `Block ${profile?.displayName ?? ''}`}
        </button>
        <button type="button" className="danger" onClick={() => setReporting(true)}>
          Report {profile?.displayName ?? ''}
        </button>
      </section>
      {reporting && (
        <Dialog title={`Report ${profile?.displayName ?? ''}`} onClose={() => setReporting(false)}>
          <ReportForm target={{ type: 'user', uid: other }} onDone={() => setReporting(false)} />
        </Dialog>
      )}
    </>
  );
}
