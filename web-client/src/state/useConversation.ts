/**
 * An open conversation's live data: the chat, the caller's member document and, in a direct chat,
 * the other member's (ticks; a group conversation watches no other member: "read by k of n" is
 * fetched on demand). When the chat list already watches those documents (the chat is on its first
 * page), the conversation takes them from there, so a new message costs the open conversation one
 * read (the message) rather than one per listener of the same document; otherwise it watches them
 * itself. Also the paginated message feed with each message's ordinal counted back from the
 * chat summary, sends in flight and their failures, typing, and read receipts (the caller's read
 * marker follows new messages while the chat is open and visible, at most one write per chat every
 * MARKER_DEBOUNCE_MS).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { messageOrdinals, type Chat, type Member } from '@natter/model';
import { api } from '../lib/api.ts';
import type { ReadMarker } from '../lib/firebase/chats.ts';
import type { ChatSummary } from './useChatList.ts';
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

export function useConversation(chatId: string, readState: ReadMarker | null, listed: ChatSummary | undefined) {
  const { uid, settings, report } = useSession();
  const [ownChat, setOwnChat] = useState<Chat | null | undefined>(undefined);
  const [ownMe, setOwnMe] = useState<Member | null | undefined>(undefined);
  const [ownOther, setOwnOther] = useState<Member | null>(null);
  const [messages, setMessages] = useState<MessageView[] | null>(null);
  const [failures, setFailures] = useState<Map<string, string>>(new Map());
  const [typers, setTypers] = useState<string[]>([]);
  const [olderState, setOlderState] = useState<'idle' | 'loading' | 'done'>('idle');
  const feed = useRef<MessageFeed | null>(null);
  const visible = usePageVisible();

  // The chat and member documents come from the chat list while it lists this chat; a chat it
  // does not list (beyond its first page, or one the caller just lost) is watched here.
  const inList = listed !== undefined;
  const chat = inList ? listed.chat : ownChat;
  // Listed but its member document not loaded yet: still loading, not "no longer a member".
  const me = inList ? (listed.me ?? undefined) : ownMe;

  useEffect(() => {
    if (inList) return undefined;
    setOwnChat(undefined);
    setOwnMe(undefined);
    // Losing read access (removed from the group) shows as "no longer a member", not as an alert.
    const stopChat = api.chats.watchChat(chatId, setOwnChat, (error) => (isPermissionError(error) ? setOwnChat(null) : report(error)));
    const stopMe = api.chats.watchMember(chatId, uid, setOwnMe, (error) => {
      if (!isPermissionError(error)) report(error);
    });
    return () => {
      stopChat();
      stopMe();
    };
  }, [chatId, uid, report, inList]);

  useEffect(() => {
    setMessages(null);
    setFailures(new Map());
    setOlderState('idle');
    const opened = api.messages.openFeed(chatId, {
      onChange: setMessages,
      onError: (error) => {
        if (!isPermissionError(error)) report(error);
      },
    });
    feed.current = opened;
    const stopTyping = api.database.watchTyping(chatId, uid, setTypers, report);
    return () => {
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

  // Direct chats: the other member's markers, one document, for the ticks (the chat list watches
  // both members of a direct chat it lists).
  const otherUid = chat?.type === 'direct' ? (chat.memberIds.find((id) => id !== uid) ?? null) : null;
  const watchOther = otherUid !== null && !inList;
  useEffect(() => {
    setOwnOther(null);
    if (!watchOther || !otherUid) return undefined;
    return api.chats.watchMember(chatId, otherUid, setOwnOther, (error) => {
      if (!isPermissionError(error)) report(error);
    });
  }, [chatId, otherUid, watchOther, report]);
  const other = inList ? (listed.members?.find((member) => member.uid === otherUid) ?? null) : ownOther;
  const members = useMemo(() => {
    if (!me || !chat) return null;
    return chat.type === 'direct' ? (other ? [me, other] : [me]) : null;
  }, [chat, me, other]);

  // Ordinals of the loaded messages, counted back from the summary's newest message.
  const ordered = useMemo(() => {
    if (!messages) return null;
    const ordinals = messageOrdinals(messages.map((view) => ({ id: view.id, createdAtMs: view.orderMs })), chat?.lastMessage);
    return messages.map((view) => ({ ...view, seq: ordinals.get(view.id) ?? view.message?.seq }));
  }, [messages, chat?.lastMessage]);

  // Read receipts: requested once per new `seq` seen while the chat is open and visible; the
  // shared throttle writes at most once per chat per interval whatever the message rate.
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!chat || !me || !visible) return;
    const key = `${chatId}:${chat.seq}:${settings.readReceipts}`;
    if (marked.current === key) return;
    marked.current = key;
    api.chats.markSeenSoon(chatId, chat.seq, { member: me, readState }, { reading: true, readReceipts: settings.readReceipts }, report);
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
    me: me ?? null,
    messages: ordered,
    failures,
    typers,
    hasOlder: olderState !== 'done' && (feed.current?.hasOlder() ?? false),
    loadingOlder: olderState === 'loading',
    loadOlder,
    track,
    dismissFailure,
  };
}
