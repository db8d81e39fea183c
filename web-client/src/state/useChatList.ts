/**
 * The chat list's live data: chats, the caller's member document per chat (unread, mute, pin,
 * archive), the other member's markers in direct chats (for ticks; groups watch only the caller's
 * own, so no member's marker write reaches every other member), and the private read states. It
 * also acknowledges delivery: a chat whose `seq` passed the caller's `deliveredSeq` gets a marker
 * write, at most one per chat every MARKER_DEBOUNCE_MS.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Chat, Member } from '@natter/model';
import { api } from '../lib/api.ts';
import type { ReadMarker } from '../lib/firebase/chats.ts';
import { unreadCount } from '../lib/receipts.ts';
import { useKeyedSubscriptions } from './useKeyed.ts';
import { useSession } from './session.tsx';

export interface ChatSummary {
  id: string;
  chat: Chat;
  me: Member | null;
  /** Both members of a direct chat (for ticks); null for groups. */
  members: Member[] | null;
  unread: number;
  muted: boolean;
}

export function useChatList(): { chats: ChatSummary[] | null; readStates: Map<string, ReadMarker> } {
  const { uid, report } = useSession();
  const [chats, setChats] = useState<{ id: string; chat: Chat }[] | null>(null);
  const [readStates, setReadStates] = useState<Map<string, ReadMarker>>(new Map());

  useEffect(() => api.chats.watchChatList(uid, setChats, report), [uid, report]);
  useEffect(() => api.chats.watchReadStates(uid, setReadStates, report), [uid, report]);

  const keys = useMemo(
    () => (chats ?? []).map(({ id, chat }) => `${chat.type === 'direct' ? 'all' : 'me'}:${id}`),
    [chats],
  );
  const memberDocs = useKeyedSubscriptions<Member[]>(keys, (key, onValue) => {
    const [mode, chatId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    return mode === 'all'
      ? api.chats.watchMembers(chatId, onValue, report)
      : api.chats.watchMember(chatId, uid, (member) => onValue(member ? [member] : []), report);
  });

  const summaries = useMemo(() => {
    if (!chats) return null;
    const now = Date.now();
    return chats.map(({ id, chat }): ChatSummary => {
      const direct = chat.type === 'direct';
      const docs = memberDocs.get(`${direct ? 'all' : 'me'}:${id}`);
      const me = docs?.find((m) => m.uid === uid) ?? null;
      return {
        id,
        chat,
        me,
        members: direct ? (docs ?? null) : null,
        unread: me ? unreadCount(chat.seq, me, readStates.get(id)) : 0,
        muted: (me?.mutedUntil?.toMillis() ?? 0) > now,
      };
    });
  }, [chats, memberDocs, readStates, uid]);

  // Delivery receipts: requested once per (chat, seq), only after the member document is known;
  // the shared throttle turns a busy chat's requests into one write per interval.
  const acknowledged = useRef(new Set<string>());
  useEffect(() => {
    for (const summary of summaries ?? []) {
      const { me, chat, id } = summary;
      if (!me || chat.seq <= me.deliveredSeq) continue;
      const key = `${id}:${chat.seq}`;
      if (acknowledged.current.has(key)) continue;
      acknowledged.current.add(key);
      api.chats.markSeenSoon(id, chat.seq, { member: me, readState: readStates.get(id) ?? null }, { reading: false, readReceipts: true }, report);
    }
  }, [summaries, readStates, report]);

  return { chats: summaries, readStates };
}
