/**
 * Finding and inspecting users for staff: search by exact uid, exact email (Auth is the source of
 * truth for emails) or display-name prefix (`displayNameLower`), paginated with opaque cursors;
 * one user's profile, account, Auth record, counts (count() aggregations) and ban state.
 */
import { FieldPath, type DocumentSnapshot, type Query } from 'firebase-admin/firestore';
import type { UserRecord } from 'firebase-admin/auth';
import { z } from 'zod';
import {
  ADMIN_API_LIMITS,
  COLLECTIONS,
  paths,
  type AuthView,
  type ListUsersQuery,
  type UserDetail,
  type UserList,
  type UserSummary,
} from '@natter/model';
import type { AdminDeps } from '../deps.ts';
import { ServiceError, firebaseErrorCode } from '../errors.ts';
import { cursorIdSchema, decodeCursor, encodeCursor } from '../cursor.ts';
import { banView, toBanView } from './bans.ts';
import { isoFromAuthTime, isoOrNull, toJsonObject } from './json.ts';
import { staffRoleOf } from './staff.ts';

const userCursorSchema = z.union([
  z.strictObject({ kind: z.literal('all'), id: cursorIdSchema }),
  z.strictObject({ kind: z.literal('name'), prefix: z.string().max(64), name: z.string().max(64), id: cursorIdSchema }),
]);

/** Firestore range end for a prefix search: every string starting with `prefix` sorts below it. */
const PREFIX_END = '\uf8ff';

export async function listUsers(deps: AdminDeps, query: ListUsersQuery): Promise<UserList> {
  const limit = query.limit ?? ADMIN_API_LIMITS.defaultPageSize;
  if (query.uid !== undefined || query.email !== undefined) {
    if (query.cursor) throw new ServiceError('invalid', 'exact searches have a single page', { field: 'cursor' });
    const uid = query.uid ?? (await authUserByEmail(deps, query.email ?? ''))?.uid;
    if (uid === undefined) return { users: [], nextCursor: null };
    const summaries = await summarise(deps, [uid], new Map());
    return { users: summaries.filter((user) => user.hasProfile || user.disabled !== null), nextCursor: null };
  }

  let q: Query = deps.db.collection(COLLECTIONS.users);
  const prefix = query.name?.toLowerCase();
  if (prefix !== undefined) {
    q = q.where('displayNameLower', '>=', prefix).where('displayNameLower', '<', prefix + PREFIX_END).orderBy('displayNameLower');
  }
  q = q.orderBy(FieldPath.documentId());
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, userCursorSchema);
    if (cursor.kind === 'name' && cursor.prefix === prefix) q = q.startAfter(cursor.name, cursor.id);
    else if (cursor.kind === 'all' && prefix === undefined) q = q.startAfter(cursor.id);
    else throw new ServiceError('invalid', 'belongs to a different search', { field: 'cursor' });
  }
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  const nextCursor =
    snap.size > limit && last
      ? encodeCursor(
          prefix === undefined
            ? { kind: 'all', id: last.id }
            : { kind: 'name', prefix, name: String(last.get('displayNameLower')), id: last.id },
        )
      : null;
  const profiles = new Map(docs.map((doc) => [doc.id, doc]));
  return { users: await summarise(deps, docs.map((doc) => doc.id), profiles), nextCursor };
}

async function authUserByEmail(deps: AdminDeps, email: string): Promise<UserRecord | null> {
  try {
    return await deps.auth.getUserByEmail(email);
  } catch (error) {
    if (firebaseErrorCode(error) === 'auth/user-not-found') return null;
    throw error;
  }
}

/** Joins profiles, Auth records (one batched lookup) and bans for a page of uids. */
async function summarise(deps: AdminDeps, uids: string[], known: Map<string, DocumentSnapshot>): Promise<UserSummary[]> {
  if (uids.length === 0) return [];
  const missing = uids.filter((uid) => !known.has(uid));
  const [fetched, authUsers, bans] = await Promise.all([
    missing.length > 0 ? deps.db.getAll(...missing.map((uid) => deps.db.doc(paths.user(uid)))) : Promise.resolve([]),
    deps.auth.getUsers(uids.map((uid) => ({ uid }))),
    deps.db.getAll(...uids.map((uid) => deps.db.doc(paths.ban(uid)))),
  ]);
  for (const snap of fetched) known.set(snap.id, snap);
  const records = new Map(authUsers.users.map((user) => [user.uid, user]));
  const banned = new Map(bans.map((snap) => [snap.id, snap]));
  return uids.map((uid) => {
    const profile = known.get(uid);
    const record = records.get(uid);
    const ban = banned.get(uid);
    const displayName: unknown = profile?.get('displayName');
    return {
      uid,
      displayName: typeof displayName === 'string' ? displayName : (record?.displayName ?? null),
      email: record?.email ?? null,
      role: staffRoleOf(record?.customClaims),
      disabled: record ? record.disabled : null,
      banned: ban?.exists === true && toBanView(ban.data() ?? {}, deps.now()).active,
      hasProfile: profile?.exists === true,
      createdAt: isoOrNull(profile?.get('createdAt')) ?? isoFromAuthTime(record?.metadata.creationTime),
    };
  });
}

export function authView(record: UserRecord): AuthView {
  return {
    email: record.email ?? null,
    emailVerified: record.emailVerified,
    disabled: record.disabled,
    role: staffRoleOf(record.customClaims),
    createdAt: isoFromAuthTime(record.metadata.creationTime),
    lastSignInAt: isoFromAuthTime(record.metadata.lastSignInTime),
    tokensValidAfter: isoFromAuthTime(record.tokensValidAfterTime),
  };
}

export async function authRecord(deps: Pick<AdminDeps, 'auth'>, uid: string): Promise<UserRecord | null> {
  try {
    return await deps.auth.getUser(uid);
  } catch (error) {
    if (firebaseErrorCode(error) === 'auth/user-not-found') return null;
    throw error;
  }
}

export async function getUserDetail(deps: AdminDeps, uid: string): Promise<UserDetail> {
  const userRef = deps.db.doc(paths.user(uid));
  const [profile, account, record, chats, devices, ban] = await Promise.all([
    userRef.get(),
    deps.db.doc(paths.account(uid)).get(),
    authRecord(deps, uid),
    deps.db.collection(COLLECTIONS.chats).where('memberIds', 'array-contains', uid).count().get(),
    userRef.collection(COLLECTIONS.devices).count().get(),
    banView(deps, uid),
  ]);
  if (!isLiveProfile(profile) && !record) throw new ServiceError('not-found', `No user has the uid '${uid}'.`, { field: 'uid' });
  return {
    uid,
    profile: profile.exists ? toJsonObject(profile.data()) : null,
    account: account.exists ? toJsonObject(account.data()) : null,
    auth: record ? authView(record) : null,
    counts: { chats: chats.data().count, devices: devices.data().count },
    ban,
  };
}

/** Throws not-found unless the uid has an Auth account or a profile. */
export async function assertUserExists(deps: AdminDeps, uid: string): Promise<void> {
  const [profile, record] = await Promise.all([deps.db.doc(paths.user(uid)).get(), authRecord(deps, uid)]);
  if (!isLiveProfile(profile) && !record) throw new ServiceError('not-found', `No user has the uid '${uid}'.`, { field: 'uid' });
}

/** A deleted account's tombstone profile does not count as a user any more. */
export function isLiveProfile(profile: { exists: boolean; get(field: string): unknown }): boolean {
  return profile.exists && profile.get('deleted') !== true;
}
