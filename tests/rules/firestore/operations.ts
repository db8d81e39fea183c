/**
 * Turns a matrix row into a real client-SDK request: the payloads and queries the table names,
 * built exactly as the web client would send them (serverTimestamp for times, field paths for
 * reactions, a limit on every query).
 */
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  Timestamp,
  updateDoc,
  where,
  type DocumentData,
  type Firestore,
  type Query,
} from 'firebase/firestore';
import { DEFAULT_ACCOUNT_SETTINGS, DEFAULT_CHAT_SETTINGS, DELETED_FOR_EVERYONE } from '@natter/model';
import type { MatrixRow, RequestName } from './matrix.ts';
import { GROUP, OUTSIDER, UID, recentMessageId } from './world.ts';

interface RequestContext {
  /** The acting uid (mia's for the unauthenticated caller). */
  self: string;
  /** The resolved document or collection path. */
  path: string;
}

type Payload = (ctx: RequestContext) => DocumentData;
type QueryBuilder = (db: Firestore, ctx: RequestContext) => Query;

const page = (db: Firestore, { path }: RequestContext, size = 10) => query(collection(db, path), limit(size));

const REQUESTS: Record<RequestName, { payload: Payload } | { query: QueryBuilder }> = {
  profile: {
    payload: ({ self }) => ({
      uid: self, displayName: 'Me', displayNameLower: 'me', photoURL: null, about: '', createdAt: serverTimestamp(), online: false, lastSeenAt: null,
    }),
  },
  rename: { payload: () => ({ displayName: 'New Name', displayNameLower: 'new name' }) },
  account: { payload: ({ self }) => ({ email: `${self}@natter.test`, emailVerified: false, settings: DEFAULT_ACCOUNT_SETTINGS, createdAt: serverTimestamp() }) },
  settings: { payload: () => ({ settings: { readReceipts: false, lastSeen: 'nobody' } }) },
  device: { payload: () => ({ token: 'fcm-token-new', platform: 'android', updatedAt: serverTimestamp() }) },
  deviceRefresh: { payload: () => ({ token: 'fcm-token-refreshed', updatedAt: serverTimestamp() }) },
  block: { payload: () => ({ createdAt: serverTimestamp() }) },
  blockEdit: { payload: () => ({ createdAt: serverTimestamp() }) },
  readState: { payload: () => ({ readSeq: 3, updatedAt: serverTimestamp() }) },
  readStateAdvance: { payload: () => ({ readSeq: 4, updatedAt: serverTimestamp() }) },
  usersByName: {
    query: (db) => query(collection(db, 'users'), where('displayNameLower', '>=', 'm'), where('displayNameLower', '<', 'm\uf8ff'), orderBy('displayNameLower'), limit(20)),
  },
  ownPrivate: { query: page },
  miaPrivate: { query: page },
  ownDevices: { query: page },
  miaDevices: { query: page },
  ownBlocked: { query: page },
  miaBlocked: { query: page },
  ownReadStates: { query: page },

  chat: {
    payload: ({ self }) => ({
      type: 'group', memberIds: [self], adminIds: [self], name: 'Mine', description: '', photoURL: null, createdBy: self,
      createdAt: serverTimestamp(), lastMessage: null, lastMessageAt: null, seq: 0, settings: DEFAULT_CHAT_SETTINGS,
    }),
  },
  chatRename: { payload: () => ({ name: 'Renamed' }) },
  memberDoc: {
    payload: ({ self }) => ({
      uid: self, role: 'member', joinedAt: serverTimestamp(), addedBy: null, readSeq: 0, deliveredSeq: 0, mutedUntil: null, archived: false, pinned: false,
    }),
  },
  markers: { payload: () => ({ readSeq: 3, deliveredSeq: 3 }) },
  textMessage: { payload: ({ self }) => ({ senderId: self, type: 'text', text: 'hello', createdAt: serverTimestamp() }) },
  mentionMessage: { payload: ({ self }) => ({ senderId: self, type: 'text', text: '@ada @mia', mentions: [UID.groupAdmin, UID.member], createdAt: serverTimestamp() }) },
  pollMessage: {
    payload: ({ self }) => ({ senderId: self, type: 'poll', text: 'Lunch?', poll: { options: ['Pizza', 'Sushi'], multiple: false }, createdAt: serverTimestamp() }),
  },
  vote: { payload: () => ({ choices: ['Sushi'], updatedAt: serverTimestamp() }) },
  pollVotes: { query: (db, ctx) => page(db, ctx, 100) },
  edit: { payload: () => ({ text: 'edited', editedAt: serverTimestamp() }) },
  deleteForEveryone: { payload: () => ({ ...DELETED_FOR_EVERYONE }) },
  react: { payload: ({ self }) => ({ [`reactions.${self}`]: '👍' }) },
  myChats: {
    query: (db, { self }) => query(collection(db, 'chats'), where('memberIds', 'array-contains', self), orderBy('lastMessageAt', 'desc'), limit(50)),
  },
  groupMembers: { query: (db, ctx) => page(db, ctx, 100) },
  groupMessages: { query: (db, { path }) => query(collection(db, path), orderBy('seq', 'desc'), limit(50)) },
  directMessages: { query: (db, { path }) => query(collection(db, path), orderBy('seq', 'desc'), limit(50)) },

  reportUser: {
    payload: ({ self }) => ({ reporterId: self, target: { type: 'user', uid: OUTSIDER }, reason: 'spam', status: 'open', createdAt: serverTimestamp() }),
  },
  reportMessage: {
    payload: ({ self }) => ({
      reporterId: self, target: { type: 'message', chatId: GROUP, messageId: recentMessageId(UID.groupAdmin) }, reason: 'abuse', status: 'open', createdAt: serverTimestamp(),
    }),
  },
  reportReservedId: {
    payload: ({ self }) => ({ reporterId: self, target: { type: 'message', chatId: GROUP, messageId: '__x__' }, reason: 'abuse', status: 'open', createdAt: serverTimestamp() }),
  },
  reportStatus: { payload: () => ({ status: 'dismissed' }) },
  scheduled: {
    payload: ({ self }) => ({
      senderId: self, chatId: GROUP, text: 'later', sendAt: Timestamp.fromMillis(Date.now() + 3_600_000), status: 'pending', createdAt: serverTimestamp(),
    }),
  },
  scheduledCancel: { payload: () => ({ status: 'cancelled' }) },
  openReports: { query: (db) => query(collection(db, 'reports'), where('status', '==', 'open'), orderBy('createdAt', 'desc'), limit(50)) },
  mySchedule: { query: (db, { self }) => query(collection(db, 'scheduledMessages'), where('senderId', '==', self), orderBy('sendAt'), limit(50)) },

  serverDoc: { payload: () => ({ note: 'client', createdAt: serverTimestamp() }) },
  serverEdit: { payload: () => ({ note: 'tampered' }) },
  serverPage: { query: page },
};

/** The uid `{self}` stands for: the actor's own, or mia's for the unauthenticated caller. */
export function selfFor(uid: string | null): string {
  return uid ?? UID.member;
}

export function resolvePath(template: string, self: string, freshId: string): string {
  return template.replaceAll('{self}', self).replaceAll('{new}', freshId);
}

function payloadFor(name: RequestName | null, ctx: RequestContext): DocumentData {
  const request = name ? REQUESTS[name] : undefined;
  if (!request || !('payload' in request)) throw new Error(`matrix request ${String(name)} is not a payload`);
  return request.payload(ctx);
}

/** Performs one matrix row as the given client; resolves when the emulator accepted it. */
export async function perform(db: Firestore, row: MatrixRow, self: string, path: string): Promise<void> {
  const ctx = { self, path };
  switch (row.op) {
    case 'get':
      await getDoc(doc(db, path));
      return;
    case 'list': {
      const request = row.request ? REQUESTS[row.request] : undefined;
      if (!request || !('query' in request)) throw new Error(`matrix row list ${row.path} names no query`);
      await getDocs(request.query(db, ctx));
      return;
    }
    case 'create':
      await setDoc(doc(db, path), payloadFor(row.request, ctx));
      return;
    case 'update':
      await updateDoc(doc(db, path), payloadFor(row.request, ctx));
      return;
    case 'delete':
      await deleteDoc(doc(db, path));
      return;
  }
}
