/**
 * Bans: `bans/{uid}` blocks every client write under the rules at once (whatever the user's token
 * says), the Auth account is disabled so no new token is issued, and refresh tokens are revoked so
 * the API and callables reject the user's existing tokens too. Unbanning reverses the first two;
 * the user signs in again.
 */
import { Timestamp, FieldValue } from 'firebase-admin/firestore';
import type { UserRecord } from 'firebase-admin/auth';
import { COLLECTIONS, paths, type BanResult, type BanView, type UnbanResult } from '@natter/model';
import type { Actor, AdminDeps } from '../deps.ts';
import { ServiceError, firebaseErrorCode } from '../errors.ts';
import { isoOrNull } from './json.ts';
import { staffRoleOf } from './staff.ts';

export interface BanInput {
  uid: string;
  reason: string;
  until?: string | undefined;
}

async function existingUser(deps: Pick<AdminDeps, 'auth'>, uid: string): Promise<UserRecord | null> {
  try {
    return await deps.auth.getUser(uid);
  } catch (error) {
    if (firebaseErrorCode(error) === 'auth/user-not-found') return null;
    throw error;
  }
}

/** Staff may not act on themselves, and only admins may act on other staff. */
function assertMayModerate(actor: Actor, target: UserRecord): void {
  if (actor.uid === target.uid) throw new ServiceError('forbidden', 'Staff cannot ban or unban themselves.', { field: 'uid' });
  if (staffRoleOf(target.customClaims) !== null && actor.role !== 'admin' && actor.uid !== null) {
    throw new ServiceError('forbidden', 'Only admins may ban or unban staff members.', { field: 'uid' });
  }
}

export async function banUser(deps: AdminDeps, actor: Actor, input: BanInput): Promise<BanResult> {
  const untilMs = input.until === undefined ? null : Date.parse(input.until);
  if (untilMs !== null && untilMs <= deps.now()) throw new ServiceError('invalid', 'must be in the future', { field: 'until' });
  const target = await existingUser(deps, input.uid);
  if (!target) throw new ServiceError('not-found', `No user has the uid '${input.uid}'.`, { field: 'uid' });
  assertMayModerate(actor, target);

  // The ban document first: from this write on, the rules deny the user's next write.
  await deps.db.doc(paths.ban(input.uid)).set({
    reason: input.reason,
    bannedBy: actor.uid ?? actor.via,
    createdAt: FieldValue.serverTimestamp(),
    until: untilMs === null ? null : Timestamp.fromMillis(untilMs),
  });
  await deps.auth.updateUser(input.uid, { disabled: true });
  await deps.auth.revokeRefreshTokens(input.uid);
  return { uid: input.uid, banned: true, until: untilMs === null ? null : new Date(untilMs).toISOString() };
}

export async function unbanUser(deps: AdminDeps, actor: Actor, { uid }: { uid: string }): Promise<UnbanResult> {
  const [target, banSnap] = await Promise.all([existingUser(deps, uid), deps.db.doc(paths.ban(uid)).get()]);
  if (!target && !banSnap.exists) throw new ServiceError('not-found', `No user has the uid '${uid}'.`, { field: 'uid' });
  if (target) assertMayModerate(actor, target);
  await deps.db.doc(paths.ban(uid)).delete();
  if (target?.disabled) await deps.auth.updateUser(uid, { disabled: false });
  return { uid, banned: false, wasBanned: banSnap.exists };
}

export async function banView(deps: Pick<AdminDeps, 'db' | 'now'>, uid: string): Promise<BanView | null> {
  const snap = await deps.db.doc(paths.ban(uid)).get();
  return snap.exists ? toBanView(snap.data() ?? {}, deps.now()) : null;
}

export function toBanView(data: Record<string, unknown>, nowMs: number): BanView {
  const until = data.until instanceof Timestamp ? data.until : null;
  return {
    reason: typeof data.reason === 'string' ? data.reason : '',
    bannedBy: typeof data.bannedBy === 'string' ? data.bannedBy : '',
    createdAt: isoOrNull(data.createdAt),
    until: isoOrNull(until),
    active: until === null || until.toMillis() > nowMs,
  };
}

/** Lifts bans whose `until` has passed (run on a schedule), at most 200 per run; returns the uids lifted. */
export async function liftExpiredBans(deps: AdminDeps, actor: Actor): Promise<string[]> {
  const expired = await deps.db
    .collection(COLLECTIONS.bans)
    .where('until', '<=', Timestamp.fromMillis(deps.now()))
    .limit(200)
    .get();
  const lifted: string[] = [];
  for (const doc of expired.docs) {
    await unbanUser(deps, actor, { uid: doc.id }).then(
      () => lifted.push(doc.id),
      (error: unknown) => {
        if (!(error instanceof ServiceError && error.kind === 'not-found')) throw error;
      },
    );
  }
  return lifted;
}
