/**
 * Chats in Firestore: the chat list, member documents (markers and preferences), the owner-only
 * read states, and the marker writes. Every query proves what rules require (membership, a limit);
 * every write is validated with the shared model first.
 */
import {
  collection,
  doc,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
} from 'firebase/firestore';
import {
  COLLECTIONS,
  MAX_GROUP_MEMBERS,
  MAX_PAGE_SIZE,
  chatSchema,
  describeIssues,
  memberSchema,
  markerUpdate,
  memberUpdateSchema,
  paths,
  readStateSchema,
  type Chat,
  type Member,
  type MemberUpdate,
} from '@natter/model';
import { InvalidInputError } from './functions.ts';
import { requireUid, type Services } from './services.ts';

export const CHAT_LIST_PAGE = 50;

export interface ChatListItem {
  id: string;
  chat: Chat;
}

export interface ReadMarker {
  readSeq: number;
}

type Unsubscribe = () => void;

/** Reports a document that does not match the model, naming the fields, instead of hiding it. */
export class ModelMismatchError extends Error {
  override readonly name = 'ModelMismatchError';
}

function validUpdate(update: MemberUpdate): MemberUpdate {
  const parsed = memberUpdateSchema.safeParse(update);
  if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
  return parsed.data;
}

export function chatsApi(services: Pick<Services, 'auth' | 'db'>) {
  const { db } = services;

  /** Pins, archives or mutes a chat for the caller only. */
  async function setPreferences(chatId: string, update: Pick<MemberUpdate, 'archived' | 'pinned' | 'mutedUntil'>): Promise<void> {
    const uid = requireUid(services);
    await updateDoc(doc(db, paths.member(chatId, uid)), validUpdate(update));
  }

  return {
    setPreferences,

    /** The caller's chats, newest activity first; the query itself proves membership. */
    watchChatList(uid: string, onChange: (chats: ChatListItem[]) => void, onError: (error: Error) => void): Unsubscribe {
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
          for (const snap of snapshot.docs) {
            const parsed = chatSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
            if (parsed.success) items.push({ id: snap.id, chat: parsed.data });
            else onError(new ModelMismatchError(`Chat ${snap.id} could not be read: ${describeIssues(parsed.error)}`));
          }
          onChange(items);
        },
        onError,
      );
    },

    watchChat(chatId: string, onChange: (chat: Chat | null) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        doc(db, paths.chat(chatId)),
        (snap) => {
          if (!snap.exists()) return onChange(null);
          const parsed = chatSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
          if (parsed.success) onChange(parsed.data);
          else onError(new ModelMismatchError(`Chat ${chatId} could not be read: ${describeIssues(parsed.error)}`));
        },
        onError,
      );
    },

    /** One member document (the caller's own, or the other side of a direct chat, for ticks). */
    watchMember(chatId: string, uid: string, onChange: (member: Member | null) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        doc(db, paths.member(chatId, uid)),
        (snap) => {
          if (!snap.exists()) return onChange(null);
          const parsed = memberSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
          if (parsed.success) onChange(parsed.data);
          else onError(new ModelMismatchError(`Member ${uid} of ${chatId} could not be read: ${describeIssues(parsed.error)}`));
        },
        onError,
      );
    },

    /** Every member of a chat (groups: roles, "read by k of n"); rules allow one page of up to 1024. */
    watchMembers(chatId: string, onChange: (members: Member[]) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        query(collection(db, paths.members(chatId)), limit(MAX_GROUP_MEMBERS)),
        (snapshot) => {
          const members: Member[] = [];
          for (const snap of snapshot.docs) {
            const parsed = memberSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
            if (parsed.success) members.push(parsed.data);
            else onError(new ModelMismatchError(`Member ${snap.id} could not be read: ${describeIssues(parsed.error)}`));
          }
          onChange(members);
        },
        onError,
      );
    },

    /** The caller's private read markers (used when their read receipts are off), by chat id. */
    watchReadStates(uid: string, onChange: (states: Map<string, ReadMarker>) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        query(collection(db, COLLECTIONS.users, uid, COLLECTIONS.readStates), limit(MAX_PAGE_SIZE)),
        (snapshot) => {
          const states = new Map<string, ReadMarker>();
          for (const snap of snapshot.docs) {
            const readSeq: unknown = snap.get('readSeq');
            if (typeof readSeq === 'number') states.set(snap.id, { readSeq });
          }
          onChange(states);
        },
        onError,
      );
    },

    async mute(chatId: string, forMs: number | null): Promise<void> {
      await setPreferences(chatId, { mutedUntil: forMs === null ? null : Timestamp.fromMillis(Date.now() + forMs) });
    },

    /**
     * Moves the caller's markers to the chat's `seq`: delivered always, read when `reading` (chat
     * open and visible). With read receipts off, the read marker goes to the owner-only read state
     * instead, so other members never learn it. Returns false when nothing needed writing.
     */
    async markSeen(
      chatId: string,
      chatSeq: number,
      current: { member: Pick<Member, 'readSeq' | 'deliveredSeq'>; readState: ReadMarker | null },
      options: { reading: boolean; readReceipts: boolean },
    ): Promise<boolean> {
      const uid = requireUid(services);
      // The shared arithmetic decides what moves; with receipts off the read marker goes private.
      const readSoFar = Math.max(current.member.readSeq, current.readState?.readSeq ?? 0);
      const moved = markerUpdate({ deliveredSeq: current.member.deliveredSeq, readSeq: readSoFar }, chatSeq, { reading: options.reading }) ?? {};
      const memberChange: MemberUpdate = {};
      if (moved.deliveredSeq !== undefined) memberChange.deliveredSeq = moved.deliveredSeq;
      if (moved.readSeq !== undefined && options.readReceipts) memberChange.readSeq = moved.readSeq;
      const writes: Promise<void>[] = [];
      if (Object.keys(memberChange).length > 0) writes.push(updateDoc(doc(db, paths.member(chatId, uid)), validUpdate(memberChange)));
      if (moved.readSeq !== undefined && !options.readReceipts) {
        const parsed = readStateSchema.pick({ readSeq: true }).safeParse({ readSeq: moved.readSeq });
        if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
        writes.push(setDoc(doc(db, paths.readState(uid, chatId)), { readSeq: parsed.data.readSeq, updatedAt: serverTimestamp() }));
      }
      await Promise.all(writes);
      return writes.length > 0;
    },
  };
}
export type ChatsApi = ReturnType<typeof chatsApi>;
