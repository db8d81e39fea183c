/**
 * An open conversation's live data: the chat, its members (roles, receipts), the paginated message
 * feed, sends in flight and their failures, typing, and read receipts (the caller's read marker
 * moves whenever new messages arrive while the chat is open and the page visible).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Chat, Member } from '@natter/model';
import { api } from '../lib/api.ts';
import type { ReadMarker } from '../lib/firebase/chats.ts';
import type { MessageFeed, MessageView, SentMessage } from '../lib/firebase/messages.ts';
import { describeError } from '../lib/errors.ts';
import { useSession } from './session.tsx';

function isPermissionError(error: Error): boolean {
  return 'code' in error && error.code === 'permission-denied';
}

/** Why a send was refused, in words: rules refuse a blocked sender, a non-admin in an admins-only group, a non-member. */
function refusalText(error: unknown, chatType: Chat['type'] | undefined): string {
  if (error instanceof Error && 'code' in error && error.code === 'permission-denied') {
    return chatType === 'direct'
      ? 'this contact is not accepting messages from you.'
      : 'only admins can send here, or you are no longer a member.';
  }
  return describeError(error);
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function useConversation(chatId: string, readState: ReadMarker | null) {
  const { uid, settings, report } = useSession();
  const [chat, setChat] = useState<Chat | null | undefined>(undefined);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [messages, setMessages] = useState<MessageView[] | null>(null);
  const [failures, setFailures] = useState<Map<string, string>>(new Map());
  const [typers, setTypers] = useState<string[]>([]);
  const [olderState, setOlderState] = useState<'idle' | 'loading' | 'done'>('idle');
  const feed = useRef<MessageFeed | null>(null);
  const visible = usePageVisible();

  useEffect(() => {
    setChat(undefined);
    setMembers(null);
    setMessages(null);
    setFailures(new Map());
    setOlderState('idle');
    // Losing read access (removed from the group) shows as "no longer a member", not as an alert.
    const stopChat = api.chats.watchChat(chatId, setChat, (error) => (isPermissionError(error) ? setChat(null) : report(error)));
    const stopMembers = api.chats.watchMembers(chatId, setMembers, (error) => {
      if (!isPermissionError(error)) report(error);
    });
    const opened = api.messages.openFeed(chatId, {
      onChange: setMessages,
      onError: (error) => {
        if (!isPermissionError(error)) report(error);
      },
    });
    feed.current = opened;
    const stopTyping = api.database.watchTyping(chatId, uid, setTypers, report);
    return () => {
      stopChat();
      stopMembers();
      opened.close();
      stopTyping();
      api.database.stopTyping(chatId, uid, report);
    };
  }, [chatId, uid, report]);

  // While the chat is on screen, the server knows it (owner-only), so no push arrives for it.
  useEffect(() => {
    if (!visible) return undefined;
    return api.database.viewChat(chatId, uid, (error) => {
      if (!isPermissionError(error)) report(error);
    });
  }, [chatId, uid, visible, report]);

  // Read receipts: one marker write per new `seq` seen while the chat is open and visible.
  const me = members?.find((m) => m.uid === uid) ?? null;
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!chat || !me || !visible) return;
    const key = `${chatId}:${chat.seq}:${settings.readReceipts}`;
    if (marked.current === key) return;
    marked.current = key;
    api.chats.markSeen(chatId, chat.seq, { member: me, readState }, { reading: true, readReceipts: settings.readReceipts }).catch(report);
  }, [chat, me, visible, chatId, readState, settings.readReceipts, report]);

  const loadOlder = useCallback(async () => {
    const current = feed.current;
    if (!current || olderState === 'loading') return;
    setOlderState('loading');
    const more = await current.loadOlder();
    setOlderState(more ? 'idle' : 'done');
  }, [olderState]);

  /** Tracks a send: a refusal from the server marks the message "not sent" with the reason. */
  const chatType = chat?.type;
  const track = useCallback((sent: SentMessage) => {
    sent.written.catch((error: unknown) =>
      setFailures((current) => new Map(current).set(sent.id, refusalText(error, chatType))),
    );
    api.database.stopTyping(chatId, uid, report);
  }, [chatId, uid, report, chatType]);

  const dismissFailure = useCallback((id: string) => {
    feed.current?.forget(id);
    setFailures((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  }, []);

  return {
    chat,
    members,
    me,
    messages,
    failures,
    typers,
    hasOlder: olderState !== 'done' && (feed.current?.hasOlder() ?? false),
    loadingOlder: olderState === 'loading',
    loadOlder,
    track,
    dismissFailure,
  };
}
