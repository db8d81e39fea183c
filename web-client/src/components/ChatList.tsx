/** The signed-in user's chats, newest first, updating in realtime. */
import { useEffect, useState } from 'react';
import type { User } from 'firebase/auth';
import { watchChatList, type ChatListItem } from '../lib/firebase/chats.ts';
import { signOutUser } from '../lib/firebase/auth.ts';
import { describeError } from '../lib/errors.ts';

export function ChatList({ user }: { user: User }) {
  const [chats, setChats] = useState<ChatListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => watchChatList(user.uid, setChats, (e) => setError(describeError(e))), [user.uid]);

  return (
    <section className="chat-list" aria-labelledby="chats-title">
      <div className="chat-list-header">
        <h2 id="chats-title">Chats</h2>
        <span className="signed-in-as" data-testid="signed-in-as">{user.displayName ?? user.email}</span>
        <button type="button" onClick={() => void signOutUser()}>Sign out</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {chats === null && !error && <p className="status">Loading chats…</p>}
      {chats?.length === 0 && <p className="status">No chats yet.</p>}
      <ul>
        {chats?.map(({ id, chat }) => (
          <li key={id} className="chat-row" data-chat-id={id}>
            <span className="chat-name">{chat.type === 'group' ? chat.name : directChatTitle(chat.memberIds, user.uid)}</span>
            <span className="chat-preview">{chat.lastMessage?.preview ?? 'No messages yet'}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function directChatTitle(memberIds: string[], me: string): string {
  return memberIds.find((id) => id !== me) ?? 'You';
}
