/**
 * Messages in Firestore: a paginated live feed, sending with client-generated ids (works offline:
 * the write is queued and the message shows as pending until the server has it), edit, delete for
 * everyone, reactions and forwarding. Every write is validated with the shared model first.
 */
import {
  collection,
  deleteField,
  doc,
  FieldPath,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAfter,
  Timestamp,
  updateDoc,
  where,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import {
  COLLECTIONS,
  DELETE_FOR_EVERYONE_WINDOW_MS,
  EDIT_WINDOW_MS,
  MAX_EMOJI_LENGTH,
  MAX_PAGE_SIZE,
  DELETED_FOR_EVERYONE,
  POLL_DELETED_FOR_EVERYONE,
  compareMessages,
  describeIssues,
  messagePreview,
  messageSchema,
  messageTextSchema,
  newMessageSchema,
  orderTimeMs,
  paths,
  type Message,
  type NewMessage,
} from '@natter/model';
import { InvalidInputError } from './functions.ts';
import { requireUid, type Services } from './services.ts';

export const MESSAGE_PAGE = 30;

/** A message waiting to be sent by the server at `sendAtMs` (see the scheduleMessage callable). */
export interface ScheduledView {
  id: string;
  text: string;
  sendAtMs: number;
  status: string;
}

/** A message as the UI shows it: parsed, or null with the reason when it does not match the model. */
export interface MessageView {
  id: string;
  message: Message | null;
  problem: string | null;
  /** True while the write is only local (offline, or not yet acknowledged by the server). */
  pending: boolean;
  /** For display: the server time, or the local estimate while the send is pending. */
  createdAtMs: number;
  /** For order: the server time with its microseconds, or null until it arrives (sorts last). */
  orderMs: number | null;
  /** The message's ordinal in the chat (counted back from the chat summary), once known. */
  seq?: number | undefined;
}

export interface MessageFeed {
  /** Loads the next older page once; resolves with whether even older messages may exist. */
  loadOlder: () => Promise<boolean>;
  hasOlder: () => boolean;
  /** Drops a message from the feed (a send the server refused, once the user dismissed it). */
  forget(id: string): void;
  close: () => void;
}

export interface FeedOptions {
  pageSize?: number;
  onChange: (messages: MessageView[]) => void;
  onError: (error: Error) => void;
  /** Called with the number of documents each snapshot delivered (tests use it to prove no re-reads). */
  onPageDocs?: (page: number, ids: string[]) => void;
}

/** What a sender may put in a new message; `senderId` and `createdAt` are added here. */
export type OutgoingMessage = Omit<NewMessage, 'senderId'>;

export interface SentMessage {
  id: string;
  /** Resolves when the server has the message; rejects (e.g. permission-denied) when it refused it. */
  written: Promise<void>;
}

function toView(snap: QueryDocumentSnapshot): MessageView {
  const data = snap.data({ serverTimestamps: 'estimate' });
  const parsed = messageSchema.safeParse(data);
  const createdAt: unknown = data.createdAt;
  const createdAtMs = createdAt instanceof Timestamp ? createdAt.toMillis() : Date.now();
  const serverTime: unknown = snap.get('createdAt', { serverTimestamps: 'none' });
  return {
    id: snap.id,
    message: parsed.success ? parsed.data : null,
    problem: parsed.success ? null : describeIssues(parsed.error),
    pending: snap.metadata.hasPendingWrites,
    createdAtMs,
    orderMs: serverTime instanceof Timestamp ? orderTimeMs(serverTime) : null,
  };
}

export function canEdit(message: Message, uid: string, nowMs = Date.now()): boolean {
  return message.senderId === uid && message.type !== 'system' && !message.deletedForEveryone
    && nowMs - message.createdAt.toMillis() < EDIT_WINDOW_MS;
}

export function canDeleteForEveryone(message: Message, uid: string, nowMs = Date.now()): boolean {
  return message.senderId === uid && message.type !== 'system' && !message.deletedForEveryone
    && nowMs - message.createdAt.toMillis() < DELETE_FOR_EVERYONE_WINDOW_MS;
}

export function messagesApi(services: Pick<Services, 'auth' | 'db'>) {
  const { db } = services;

  function send(chatId: string, outgoing: OutgoingMessage, id?: string): SentMessage {
    const senderId = requireUid(services);
    const parsed = newMessageSchema.safeParse({ ...outgoing, senderId });
    if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
    const ref = id ? doc(db, paths.message(chatId, id)) : doc(collection(db, paths.messages(chatId)));
    // Not awaited here: offline, the write waits in the local cache and the feed shows it pending.
    const written = setDoc(ref, { ...parsed.data, createdAt: serverTimestamp() });
    return { id: ref.id, written };
  }

  return {
    /** A fresh message id, generated on the client (no round trip; works offline). */
    newMessageId(chatId: string): string {
      return doc(collection(db, paths.messages(chatId))).id;
    },

    send,

    /** Sends text, optionally as a reply quoting another message. */
    sendText(chatId: string, text: string, replyTo?: { id: string; message: Message }): SentMessage {
      return send(chatId, {
        type: 'text',
        text,
        ...(replyTo
          ? { replyTo: { messageId: replyTo.id, senderId: replyTo.message.senderId, preview: messagePreview(replyTo.message) } }
          : {}),
      });
    },

    /** Copies a text message into other chats, marked as forwarded. */
    forward(message: Message, toChatIds: string[]): SentMessage[] {
      if (message.type !== 'text' || message.deletedForEveryone) {
        throw new InvalidInputError('Only text messages can be forwarded here.');
      }
      return toChatIds.map((chatId) => send(chatId, { type: 'text', text: message.text, forwarded: true }));
    },

    async edit(chatId: string, messageId: string, message: Message, text: string): Promise<void> {
      const uid = requireUid(services);
      if (!canEdit(message, uid)) throw new InvalidInputError('Messages can be edited for 15 minutes after sending.');
      const parsed = messageTextSchema.safeParse(text);
      if (!parsed.success || parsed.data.trim().length === 0) throw new InvalidInputError('Field \'text\': a message needs some text (at most 4096 characters).');
      await updateDoc(doc(db, paths.message(chatId, messageId)), { text: parsed.data, editedAt: serverTimestamp() });
    },

    /** Clears the content for everyone (a poll's options too); a tombstone ("This message was deleted") stays. */
    async deleteForEveryone(chatId: string, messageId: string, message: Message): Promise<void> {
      const uid = requireUid(services);
      if (!canDeleteForEveryone(message, uid)) throw new InvalidInputError('Messages can be deleted for everyone for 60 hours after sending.');
      await updateDoc(doc(db, paths.message(chatId, messageId)), { ...(message.type === 'poll' ? POLL_DELETED_FOR_EVERYONE : DELETED_FOR_EVERYONE) });
    },

    /** Sets (or with null removes) the caller's own reaction; only that key changes. */
    async react(chatId: string, messageId: string, emoji: string | null): Promise<void> {
      const uid = requireUid(services);
      if (emoji !== null && (emoji.length < 1 || emoji.length > MAX_EMOJI_LENGTH)) {
        throw new InvalidInputError(`Field 'reactions.${uid}': must be 1-${MAX_EMOJI_LENGTH} characters`);
      }
      await updateDoc(doc(db, paths.message(chatId, messageId)), new FieldPath('reactions', uid), emoji ?? deleteField());
    },

    /** The caller's scheduled messages for one chat that are still waiting, soonest first. */
    watchScheduled(chatId: string, onChange: (scheduled: ScheduledView[]) => void, onError: (error: Error) => void): () => void {
      const uid = requireUid(services);
      return onSnapshot(
        query(
          collection(db, COLLECTIONS.scheduledMessages),
          where('senderId', '==', uid),
          where('chatId', '==', chatId),
          where('status', '==', 'pending'),
          limit(MAX_PAGE_SIZE),
        ),
        (snapshot) => {
          const views: ScheduledView[] = [];
          for (const snap of snapshot.docs) {
            const data = snap.data();
            const sendAt: unknown = data.sendAt;
            if (typeof data.text === 'string' && sendAt instanceof Timestamp) {
              views.push({ id: snap.id, text: data.text, sendAtMs: sendAt.toMillis(), status: String(data.status) });
            }
          }
          onChange(views.sort((a, b) => a.sendAtMs - b.sendAtMs));
        },
        onError,
      );
    },

    /**
     * A live feed: the newest page, plus older pages on demand. Each page is its own listener over
     * a range no other page covers, so loading older never re-reads what the feed already has, and
     * edits or reactions on older messages still arrive live.
     */
    openFeed(chatId: string, options: FeedOptions): MessageFeed {
      const pageSize = Math.min(options.pageSize ?? MESSAGE_PAGE, MAX_PAGE_SIZE);
      const views = new Map<string, MessageView>();
      const unsubscribes: (() => void)[] = [];
      let oldest: QueryDocumentSnapshot | null = null;
      let olderPossible = true;
      let loading: Promise<boolean> | null = null;
      let closed = false;

      const emit = () => {
        if (closed) return;
        // One order for every member: (server time, id); local sends without a server time last.
        options.onChange([...views.values()].sort((a, b) => compareMessages({ id: a.id, createdAtMs: a.orderMs }, { id: b.id, createdAtMs: b.orderMs })));
      };
      const noteOldest = (docs: QueryDocumentSnapshot[]) => {
        const last = docs.at(-1);
        if (!last || last.metadata.hasPendingWrites) return;
        if (!oldest || toView(last).createdAtMs < toView(oldest).createdAtMs) oldest = last;
      };

      let pages = 0;
      const base = collection(db, paths.messages(chatId));
      const listen = (page: number, after: QueryDocumentSnapshot | null, onFirst: (size: number) => void) => {
        let first = true;
        const pageQuery = after
          ? query(base, orderBy('createdAt', 'desc'), startAfter(after), limit(pageSize))
          : query(base, orderBy('createdAt', 'desc'), limit(pageSize));
        unsubscribes.push(
          onSnapshot(
            pageQuery,
            { includeMetadataChanges: true },
            (snapshot) => {
              const changed = snapshot.docChanges({ includeMetadataChanges: true });
              options.onPageDocs?.(page, changed.filter((c) => c.type !== 'removed').map((c) => c.doc.id));
              // Documents leaving the newest page (because newer ones arrived) stay in the feed.
              for (const change of changed) if (change.type !== 'removed') views.set(change.doc.id, toView(change.doc));
              noteOldest(snapshot.docs);
              // Whether older messages may exist follows the oldest page loaded so far.
              if (page === pages - 1) olderPossible = snapshot.size === pageSize;
              if (first) {
                first = false;
                onFirst(snapshot.size);
              }
              emit();
            },
            (error) => options.onError(error),
          ),
        );
      };

      listen(pages++, null, () => undefined);

      return {
        hasOlder: () => olderPossible && oldest !== null,
        loadOlder() {
          if (loading) return loading;
          if (!olderPossible || !oldest || closed) return Promise.resolve(false);
          const after = oldest;
          loading = new Promise<boolean>((resolve) => {
            listen(pages++, after, (size) => {
              loading = null;
              resolve(size === pageSize);
            });
          });
          return loading;
        },
        forget(id) {
          if (views.delete(id)) emit();
        },
        close() {
          closed = true;
          for (const unsubscribe of unsubscribes) unsubscribe();
        },
      };
    },
  };
}
export type MessagesApi = ReturnType<typeof messagesApi>;
