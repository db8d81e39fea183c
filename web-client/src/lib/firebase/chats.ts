/**
 * Chats in Firestore: the chat list, member documents (markers and preferences), the owner-only
 * read states, and the marker writes. Every query proves what rules require (membership, a limit);
 * every write is validated with the shared model first.
 */
import {
  collection,
  doc,
  getCountFromServer,
  getDoc,
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
  MARKER_DEBOUNCE_MS,
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
import { markerThrottle } from '../markerThrottle.ts';
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

/** The caller's markers as last seen, and where read goes (private when read receipts are off). */
export interface MarkerState {
  member: Pick<Member, 'readSeq' | 'deliveredSeq'>;
  readState: ReadMarker | null;
}
interface MarkTargets {
  deliverTo: number;
  readTo: number;
}
export interface MarkOptions {
  reading: boolean;
  readReceipts: boolean;
}

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
  // One throttle for every marker write of a chat (chat list and open conversation alike).
  const markerWrites = markerThrottle(MARKER_DEBOUNCE_MS);

  /** Pins, archives or mutes a chat for the caller only. */
  async function setPreferences(chatId: string, update: Pick<MemberUpdate, 'archived' | 'pinned' | 'mutedUntil'>): Promise<void> {
    const uid = requireUid(services);
    await updateDoc(doc(db, paths.member(chatId, uid)), validUpdate(update));
  }

  /**
   * Moves the caller's markers to the chat's `seq`: delivered always, read when `reading` (chat
   * open and visible). With read receipts off, the read marker goes to the owner-only read state
   * instead, so other members never learn it. Returns false when nothing needed writing.
   */
  async function markSeen(chatId: string, chatSeq: number, current: MarkerState, options: MarkOptions): Promise<boolean> {
    return markTo(chatId, { deliverTo: chatSeq, readTo: options.reading ? chatSeq : 0 }, current, options.readReceipts);
  }

  /** Delivered up to `deliverTo`, read up to `readTo` (0: reading nothing); each only moves forward. */
  async function markTo(chatId: string, { deliverTo, readTo }: MarkTargets, current: MarkerState, readReceipts: boolean): Promise<boolean> {
    const uid = requireUid(services);
    // The shared arithmetic decides what moves; with receipts off the read marker goes private.
    const readSoFar = Math.max(current.member.readSeq, current.readState?.readSeq ?? 0);
    const delivered = markerUpdate({ deliveredSeq: current.member.deliveredSeq, readSeq: readSoFar }, deliverTo, { reading: false }) ?? {};
    const read = markerUpdate({ deliveredSeq: current.member.deliveredSeq, readSeq: readSoFar }, readTo, { reading: true }) ?? {};
    const memberChange: MemberUpdate = {};
    if (delivered.deliveredSeq !== undefined) memberChange.deliveredSeq = delivered.deliveredSeq;
    if (read.readSeq !== undefined && readReceipts) memberChange.readSeq = read.readSeq;
    const writes: Promise<void>[] = [];
    if (Object.keys(memberChange).length > 0) writes.push(updateDoc(doc(db, paths.member(chatId, uid)), validUpdate(memberChange)));
    if (read.readSeq !== undefined && !readReceipts) {
      const parsed = readStateSchema.pick({ readSeq: true }).safeParse({ readSeq: read.readSeq });
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      writes.push(setDoc(doc(db, paths.readState(uid, chatId)), { readSeq: parsed.data.readSeq, updatedAt: serverTimestamp() }));
    }
    await Promise.all(writes);
    return writes.length > 0;
  }

  // Requests waiting for the throttle, merged per chat: the chat list (delivered) and the open
  // conversation (read) ask for the same snapshot; the newest request alone would drop the other's.
  const waitingMarks = new Map<string, { targets: MarkTargets; current: MarkerState; readReceipts: boolean }>();

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

    /** One member document, read once (the sender's own markers for "read by k of n"). */
    async member(chatId: string, uid: string): Promise<Member | null> {
      const snap = await getDoc(doc(db, paths.member(chatId, uid)));
      const parsed = memberSchema.safeParse(snap.data());
      return parsed.success ? parsed.data : null;
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

    /**
     * "Read by k of n" on demand (message info), never by watching every member: two `count()`
     * aggregation queries over the members, billed one read per 1,000 index entries each.
     */
    async groupReceiptCounts(chatId: string, seq: number): Promise<{ readAtLeast: number; deliveredAtLeast: number }> {
      const members = collection(db, paths.members(chatId));
      const [read, delivered] = await Promise.all([
        getCountFromServer(query(members, where('readSeq', '>=', seq), limit(MAX_GROUP_MEMBERS))),
        getCountFromServer(query(members, where('deliveredSeq', '>=', seq), limit(MAX_GROUP_MEMBERS))),
      ]);
      return { readAtLeast: read.data().count, deliveredAtLeast: delivered.data().count };
    },

    /**
     * `markSeen`, at most once per chat every MARKER_DEBOUNCE_MS: the first request after a quiet
     * spell writes at once, a burst collapses into one trailing write with the newest markers.
     */
    markSeenSoon(chatId: string, chatSeq: number, current: MarkerState, options: MarkOptions, onError: (error: unknown) => void): void {
      const prior = waitingMarks.get(chatId)?.targets ?? { deliverTo: 0, readTo: 0 };
      waitingMarks.set(chatId, {
        targets: { deliverTo: Math.max(prior.deliverTo, chatSeq), readTo: Math.max(prior.readTo, options.reading ? chatSeq : 0) },
        current,
        readReceipts: options.readReceipts,
      });
      markerWrites(chatId, () => {
        const waiting = waitingMarks.get(chatId);
        waitingMarks.delete(chatId);
        if (waiting) void markTo(chatId, waiting.targets, waiting.current, waiting.readReceipts).catch(onError);
      });
    },

    async mute(chatId: string, forMs: number | null): Promise<void> {
      await setPreferences(chatId, { mutedUntil: forMs === null ? null : Timestamp.fromMillis(Date.now() + forMs) });
    },

    markSeen,
  };
}
export type ChatsApi = ReturnType<typeof chatsApi>;
