/** Chat list queries. The query itself proves membership (`array-contains` on the caller's uid). */
import { collection, limit, onSnapshot, orderBy, query, where } from 'firebase/firestore';
import { COLLECTIONS, chatSchema, type Chat } from '@natter/model';
import { db } from './app.ts';

export const CHAT_LIST_PAGE = 50;

export interface ChatListItem {
  id: string;
  chat: Chat;
}

export function watchChatList(
  uid: string,
  onChange: (chats: ChatListItem[]) => void,
  onError: (error: Error) => void,
): () => void {
  const chatsQuery = query(
    collection(db, COLLECTIONS.chats),
    where('memberIds', 'array-contains', uid),
    orderBy('lastMessageAt', 'desc'),
    limit(CHAT_LIST_PAGE),
  );
  return onSnapshot(
    chatsQuery,
    (snapshot) => {
      const items: ChatListItem[] = [];
      for (const doc of snapshot.docs) {
        const parsed = chatSchema.safeParse(doc.data());
        if (parsed.success) items.push({ id: doc.id, chat: parsed.data });
        else console.warn(`chat ${doc.id} does not match the model`, parsed.error.issues);
      }
      onChange(items);
    },
    onError,
  );
}
