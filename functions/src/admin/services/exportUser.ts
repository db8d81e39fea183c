/**
 * A data-subject export: everything Natter holds about one user as JSON. Every read is bounded:
 * small sections read at most SECTION_LIMIT documents (and say so in `truncated` when there were
 * more); the user's messages, which can be many, are paged with a cursor.
 */
import { FieldPath, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { ADMIN_API_LIMITS, COLLECTIONS, paths, type ExportedMessage, type UserExport } from '@natter/model';
import type { AdminDeps } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { decodeCursor, encodeCursor, messagePathSchema } from '../cursor.ts';
import { banView } from './bans.ts';
import { isoOrNull, toJsonObject, type Json } from './json.ts';
import { authRecord, authView, isLiveProfile } from './users.ts';

export const SECTION_LIMIT = 500;

const exportCursorSchema = z.strictObject({ path: messagePathSchema });

interface Section {
  name: string;
  items: { [key: string]: Json }[];
  truncated: boolean;
}

async function readSection(name: string, query: Query, withId: (id: string) => Record<string, Json>): Promise<Section> {
  const snap = await query.limit(SECTION_LIMIT + 1).get();
  const docs = snap.docs.slice(0, SECTION_LIMIT);
  return { name, items: docs.map((doc) => ({ ...withId(doc.id), ...toJsonObject(doc.data()) })), truncated: snap.size > SECTION_LIMIT };
}

export async function exportUser(
  deps: AdminDeps,
  uid: string,
  options: { limit?: number | undefined; cursor?: string | undefined },
): Promise<UserExport> {
  const limit = options.limit ?? ADMIN_API_LIMITS.defaultExportPageSize;
  const messages = await sentMessages(deps, uid, limit, options.cursor);
  const base = { uid, exportedAt: new Date(deps.now()).toISOString(), messages: messages.items, nextCursor: messages.nextCursor };
  if (options.cursor) return { ...base, truncated: [] };

  const userRef = deps.db.doc(paths.user(uid));
  const [profile, account, record, ban] = await Promise.all([
    userRef.get(),
    deps.db.doc(paths.account(uid)).get(),
    authRecord(deps, uid),
    banView(deps, uid),
  ]);
  if (!isLiveProfile(profile) && !record) throw new ServiceError('not-found', `No user has the uid '${uid}'.`, { field: 'uid' });

  const sections = await Promise.all([
    readSection('devices', userRef.collection(COLLECTIONS.devices), (id) => ({ deviceId: id })),
    readSection('blocked', userRef.collection(COLLECTIONS.blocked), (id) => ({ uid: id })),
    readSection('readStates', userRef.collection(COLLECTIONS.readStates), (id) => ({ chatId: id })),
    memberships(deps, uid),
    readSection('reportsFiled', deps.db.collection(COLLECTIONS.reports).where('reporterId', '==', uid), (id) => ({ reportId: id })),
    readSection(
      'scheduledMessages',
      deps.db.collection(COLLECTIONS.scheduledMessages).where('senderId', '==', uid),
      (id) => ({ id }),
    ),
  ]);
  const byName = Object.fromEntries(sections.map((section) => [section.name, section.items]));
  return {
    ...base,
    profile: profile.exists ? toJsonObject(profile.data()) : null,
    account: account.exists ? toJsonObject(account.data()) : null,
    auth: record ? authView(record) : null,
    ban,
    devices: byName.devices ?? [],
    blocked: byName.blocked ?? [],
    readStates: byName.readStates ?? [],
    memberships: byName.memberships ?? [],
    reportsFiled: byName.reportsFiled ?? [],
    scheduledMessages: byName.scheduledMessages ?? [],
    truncated: sections.filter((section) => section.truncated).map((section) => section.name),
  };
}

/** The chats the user is in, each with the user's own member document. */
async function memberships(deps: AdminDeps, uid: string): Promise<Section> {
  const chats = await deps.db
    .collection(COLLECTIONS.chats)
    .where('memberIds', 'array-contains', uid)
    .limit(SECTION_LIMIT + 1)
    .get();
  const docs = chats.docs.slice(0, SECTION_LIMIT);
  const members = docs.length > 0 ? await deps.db.getAll(...docs.map((chat) => deps.db.doc(paths.member(chat.id, uid)))) : [];
  const items = docs.map((chat, index) => ({
    chatId: chat.id,
    type: typeof chat.get('type') === 'string' ? (chat.get('type') as string) : null,
    name: typeof chat.get('name') === 'string' ? (chat.get('name') as string) : null,
    member: members[index]?.exists ? toJsonObject(members[index]?.data()) : null,
  }));
  return { name: 'memberships', items, truncated: chats.size > SECTION_LIMIT };
}

async function sentMessages(
  deps: AdminDeps,
  uid: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ items: ExportedMessage[]; nextCursor: string | null }> {
  let q = deps.db.collectionGroup(COLLECTIONS.messages).where('senderId', '==', uid).orderBy(FieldPath.documentId());
  if (cursor) {
    const { path } = decodeCursor(cursor, exportCursorSchema);
    q = q.startAfter(deps.db.doc(path));
  }
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  return {
    items: docs.map((doc) => {
      const data = doc.data();
      return {
        chatId: doc.ref.parent.parent?.id ?? '',
        messageId: doc.id,
        type: typeof data.type === 'string' ? data.type : 'text',
        text: typeof data.text === 'string' ? data.text : '',
        media: typeof data.media === 'object' && data.media !== null ? toJsonObject(data.media) : null,
        createdAt: isoOrNull(data.createdAt),
        editedAt: isoOrNull(data.editedAt),
        deletedForEveryone: data.deletedForEveryone === true,
      };
    }),
    nextCursor: snap.size > limit && last ? encodeCursor({ path: last.ref.path }) : null,
  };
}
