/**
 * One conversation: header with presence or typing, the paginated history grouped by day (older
 * pages load when scrolling up), message bubbles with replies, reactions and ticks, and the composer.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Chat, Message } from '@natter/model';
import { api } from '../lib/api.ts';
import { dayLabel, groupByDay, lastSeenText } from '../lib/format.ts';
import type { ReadMarker } from '../lib/firebase/chats.ts';
import { useConversation } from '../state/useConversation.ts';
import { useSession, useUserProfile } from '../state/session.tsx';
import { useProfiles } from '../state/profiles.ts';
import { chatTitle, otherMember } from '../state/chatTitle.ts';
import type { ChatSummary } from '../state/useChatList.ts';
import { Avatar } from './common.tsx';
import { MessageBubble, type BubbleActions } from './MessageBubble.tsx';
import { Composer, type ComposerMode } from './Composer.tsx';
import { MessageMenu } from './MessageMenu.tsx';

const NEAR_BOTTOM_PX = 120;
/** The "no Realtime Database" notice, once dismissed, stays away for the browser session. */
const RTDB_NOTICE_KEY = 'natter.rtdbNoticeDismissed';
const LOAD_OLDER_PX = 150;

export interface ConversationProps {
  chatId: string;
  chats: ChatSummary[] | null;
  readState: ReadMarker | null;
  onBack: () => void;
  onInfo: () => void;
  onOpenChat: (chatId: string) => void;
}

export function Conversation({ chatId, chats, readState, onBack, onInfo, onOpenChat }: ConversationProps) {
  const { uid, profiles } = useSession();
  const conversation = useConversation(chatId, readState, chats?.find((summary) => summary.id === chatId));
  const { chat, members, me, messages, failures, typers, hasOlder, loadingOlder, loadOlder } = conversation;
  const [mode, setMode] = useState<ComposerMode>({ kind: 'new' });
  // The id only: the menu and message info read the live message (its seq, reactions) every render.
  const [menuForId, setMenuForId] = useState<string | null>(null);

  const memberIds = chat?.memberIds ?? [];
  const people = useProfiles(profiles, [...memberIds, ...typers]);
  const title = chat ? chatTitle(chat, uid, people) : '…';

  // Scrolling: stick to the bottom for new messages; keep the position when older ones load above.
  const scroller = useRef<HTMLDivElement>(null);
  const wasNearBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (wasNearBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);
  useEffect(() => {
    setMode({ kind: 'new' });
    wasNearBottom.current = true;
  }, [chatId]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    wasNearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < LOAD_OLDER_PX && hasOlder && !loadingOlder) {
      heightBeforeOlder.current = el.scrollHeight;
      void loadOlder();
    }
  }

  const visible = useMemo(() => {
    const now = Date.now();
    return (messages ?? []).filter((v) => !v.message?.expiresAt || v.message.expiresAt.toMillis() > now);
  }, [messages]);
  const days = useMemo(() => groupByDay(visible, (v) => v.createdAtMs), [visible]);
  const byId = useMemo(() => new Map(visible.map((v) => [v.id, v])), [visible]);
  const menuFor = menuForId ? (byId.get(menuForId) ?? null) : null;

  const actions: BubbleActions = {
    openMenu: (view) => setMenuForId(view.id),
    jumpTo(messageId) {
      document.getElementById(`message-${messageId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
    dismissFailure: conversation.dismissFailure,
  };

  if (chat === null) {
    return (
      <section className="conversation empty-state">
        <p className="status">This chat does not exist or you are no longer a member.</p>
        <button type="button" onClick={onBack}>
          Back to chats
        </button>
      </section>
    );
  }
  const removed = chat !== undefined && !chat.memberIds.includes(uid);

  return (
    <section className="conversation" aria-label={`Conversation with ${title}`} data-chat-id={chatId}>
      <ConversationHeader chat={chat} title={title} typers={typers} people={people} onBack={onBack} onInfo={onInfo} />
      <div className="messages" ref={scroller} onScroll={onScroll} tabIndex={0} aria-label="Messages" role="log">
        {loadingOlder && <p className="status">Loading older messages…</p>}
        {!hasOlder && messages !== null && messages.length > 0 && <p className="history-start">Start of the conversation</p>}
        {messages === null && <p className="status">Loading messages…</p>}
        {chat && days.map((day) => (
          <div key={day.dayMs} className="day">
            <div className="day-separator" role="separator">
              <span>{dayLabel(day.dayMs)}</span>
            </div>
            {day.items.map((view, index) => (
              <MessageBubble
                key={view.id}
                chatId={chatId}
                view={view}
                chat={chat}
                members={members}
                failure={failures.get(view.id) ?? null}
                quoted={view.message?.replyTo ? (byId.get(view.message.replyTo.messageId) ?? null) : null}
                senderName={view.message ? (people.get(view.message.senderId)?.displayName ?? '…') : ''}
                firstOfRun={index === 0 || day.items[index - 1]?.message?.senderId !== view.message?.senderId}
                actions={actions}
              />
            ))}
          </div>
        ))}
      </div>
      {chat && (
        <Composer
          chatId={chatId}
          chat={chat}
          me={me}
          removed={removed}
          mode={mode}
          setMode={setMode}
          track={conversation.track}
        />
      )}
      {menuFor?.message && chat && (
        <MessageMenu
          chatId={chatId}
          chat={chat}
          view={menuFor}
          message={menuFor.message}
          members={members ?? []}
          chats={chats}
          onClose={() => setMenuForId(null)}
          onReply={() => setMode({ kind: 'reply', id: menuFor.id, message: menuFor.message as Message })}
          onEdit={() => setMode({ kind: 'edit', id: menuFor.id, message: menuFor.message as Message })}
          onForwarded={(chatIds) => {
            if (chatIds.length === 1 && chatIds[0]) onOpenChat(chatIds[0]);
          }}
          track={conversation.track}
        />
      )}
    </section>
  );
}

function ConversationHeader({
  chat,
  title,
  typers,
  people,
  onBack,
  onInfo,
}: {
  chat: Chat | undefined;
  title: string;
  typers: string[];
  people: Map<string, { displayName: string } | null | undefined>;
  onBack: () => void;
  onInfo: () => void;
}) {
  const { uid } = useSession();
  const other = chat ? otherMember(chat, uid) : null;
  const otherProfile = useUserProfile(other && other !== uid ? other : null);
  const [online, setOnline] = useState<boolean | null>(null);
  const [rtdbNoticeDismissed, setRtdbNoticeDismissed] = useState(() => sessionStorage.getItem(RTDB_NOTICE_KEY) !== null);
  const { report } = useSession();
  useEffect(() => {
    if (!other || other === uid) return;
    return api.database.watchStatus(other, (status) => setOnline(status ? status.state === 'online' : null), report);
  }, [other, uid, report]);

  let subtitle = '';
  if (typers.length > 0) {
    subtitle = chat?.type === 'group'
      ? `${typers.map((t) => people.get(t)?.displayName ?? '…').join(', ')} ${typers.length === 1 ? 'is' : 'are'} typing…`
      : 'typing…';
  } else if (chat?.type === 'group') {
    subtitle = chat.memberIds.map((id) => (id === uid ? 'You' : (people.get(id)?.displayName ?? '…'))).join(', ');
  } else if (online ?? otherProfile?.online) {
    subtitle = 'online';
  } else if (otherProfile?.lastSeenAt) {
    subtitle = lastSeenText(otherProfile.lastSeenAt.toMillis());
  }

  return (
    <>
    <header className="conversation-header">
      <button type="button" className="icon-button back" onClick={onBack} aria-label="Back to chats">
        ←
      </button>
      <button type="button" className="conversation-title" onClick={onInfo} aria-label={`${title}: chat info`}>
        <Avatar name={title} photoURL={chat?.type === 'group' ? chat.photoURL : (otherProfile?.photoURL ?? null)} size={40} />
        <span>
          <span className="title" data-testid="conversation-title">{title}</span>
          <span className={`subtitle${typers.length > 0 ? ' typing' : ''}`} data-testid="conversation-subtitle">
            {subtitle}
          </span>
        </span>
      </button>
    </header>
    {!api.database.available && !rtdbNoticeDismissed && (
      <p className="rtdb-off" role="note">
        Typing indicators and live online status are off: the Realtime Database is not available here.
        <button
          type="button"
          className="icon-button"
          aria-label="Dismiss this notice"
          onClick={() => {
            sessionStorage.setItem(RTDB_NOTICE_KEY, 'dismissed');
            setRtdbNoticeDismissed(true);
          }}
        >
          ✕
        </button>
      </p>
    )}
    </>
  );
}

