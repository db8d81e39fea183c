/**
 * The signed-in layout: the chat list (or a side panel: new chat, new group, settings) beside the
 * open conversation and its info panel. On a phone-width screen one pane shows at a time.
 */
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { signOut } from '../lib/signOut.ts';
import { usePushNotices } from '../state/usePush.ts';
import { useChatList } from '../state/useChatList.ts';
import { useSession, useUserProfile } from '../state/session.tsx';
import { Alerts, Avatar } from './common.tsx';
import { ChatList } from './ChatList.tsx';
import { Conversation } from './Conversation.tsx';
import { ChatInfo } from './ChatInfo.tsx';
import { NewChat, NewGroup } from './NewChat.tsx';
import { Settings } from './Settings.tsx';
import { JoinInvite } from './JoinInvite.tsx';
import { PushNotices } from './PushNotices.tsx';

type Panel = 'list' | 'new-chat' | 'new-group' | 'settings';

/** A chat named by the URL (`?chat=`): where a notification click on a closed app lands. */
function chatFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('chat');
}

export function Shell({ inviteCode, onInviteHandled }: { inviteCode: string | null; onInviteHandled: () => void }) {
  const { uid, user, inform, report } = useSession();
  const me = useUserProfile(uid);
  const { chats, readStates } = useChatList();
  const [panel, setPanel] = useState<Panel>('list');
  const [chatId, setChatId] = useState<string | null>(chatFromUrl);
  const [info, setInfo] = useState(false);
  const totalUnread = (chats ?? []).reduce((sum, c) => sum + (c.muted ? 0 : c.unread), 0);

  function open(id: string) {
    setChatId(id);
    setPanel('list');
    setInfo(false);
  }
  const push = usePushNotices(chatId, open);
  useEffect(() => {
    if (chatFromUrl() !== null) window.history.replaceState(null, '', '/');
  }, []);

  const name = me?.displayName ?? user.displayName ?? user.email ?? '';
  return (
    <div className="shell" data-view={chatId ? 'chat' : 'list'}>
      <aside className="sidebar" aria-label="Chats">
        {panel === 'list' && (
          <>
            <header className="sidebar-header">
              <button type="button" className="me" onClick={() => setPanel('settings')} aria-label="Settings and profile">
                <Avatar name={name} photoURL={me?.photoURL} size={36} />
                <span className="signed-in-as" data-testid="signed-in-as">{name}</span>
              </button>
              {totalUnread > 0 && <span className="visually-hidden">{totalUnread} unread messages</span>}
              <button type="button" className="icon-button" onClick={() => setPanel('new-chat')} aria-label="New chat">
                ✎
              </button>
              <button type="button" className="icon-button" onClick={() => void signOut(uid).catch(report)} aria-label="Sign out" title="Sign out">
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                  <path fill="currentColor" d="M10 17l1.4-1.4L8.8 13H20v-2H8.8l2.6-2.6L10 7l-5 5 5 5zM4 5h8V3H4a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h8v-2H4V5z" />
                </svg>
              </button>
            </header>
            {user.email && !user.emailVerified && user.providerData.some((p) => p.providerId === 'password') && (
              <div className="verify-banner" role="note">
                Verify your email address.{' '}
                <button type="button" className="link" onClick={() => void api.auth.sendVerificationEmail().then(() => inform(`Verification email sent to ${user.email}.`), report)}>
                  Send link
                </button>{' '}
                <button type="button" className="link" onClick={() => void api.auth.refreshUser().catch(report)}>
                  I verified it
                </button>
              </div>
            )}
            <ChatList chats={chats} selectedId={chatId} onOpen={open} />
          </>
        )}
        {panel === 'new-chat' && <NewChat onOpen={open} onNewGroup={() => setPanel('new-group')} onBack={() => setPanel('list')} />}
        {panel === 'new-group' && <NewGroup onOpen={open} onBack={() => setPanel('new-chat')} />}
        {panel === 'settings' && <Settings onBack={() => setPanel('list')} />}
      </aside>
      <main className="main">
        {chatId ? (
          <Conversation
            key={chatId}
            chatId={chatId}
            chats={chats}
            readState={readStates.get(chatId) ?? null}
            onBack={() => setChatId(null)}
            onInfo={() => setInfo(true)}
            onOpenChat={open}
          />
        ) : (
          <div className="empty-state">
            <h2>Natter</h2>
            <p>Pick a chat, or start one with ✎.</p>
          </div>
        )}
        {chatId && info && (
          <ChatInfo
            chatId={chatId}
            onClose={() => setInfo(false)}
            onLeft={() => {
              setInfo(false);
              setChatId(null);
            }}
          />
        )}
      </main>
      <Alerts />
      <PushNotices notices={push.notices} onOpen={open} onDismiss={push.dismiss} />
      {inviteCode && <JoinInvite code={inviteCode} onJoined={open} onDone={onInviteHandled} />}
    </div>
  );
}
