/**
 * Fresh checks every mutating chat callable makes before its transaction: bans, that the users
 * named exist (creating the profile of an Auth user the sign-up trigger has not reached yet), and blocks. Never cached: each one decides whether a write may happen.
 */
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { rememberDisplayName } from '../lib/lookups.ts';
import { createMissingProfiles } from '../users/createMissingProfiles.ts';
import { refuse } from '../lib/refusal.ts';

/** A `bans/{uid}` document is in force until its `until` passes (null: forever). */
function banInForce(ban: DocumentSnapshot): boolean {
  if (!ban.exists) return false;
  const until: unknown = ban.get('until');
  const expired = typeof until === 'object' && until !== null && 'toMillis' in until && (until as { toMillis(): number }).toMillis() <= Date.now();
  return !expired;
}

/** A ban blocks every mutating callable of the banned user. */
export async function assertNotBanned(uid: string): Promise<void> {
  if (banInForce(await db().doc(paths.ban(uid)).get())) refuse('permission-denied', 'Your account is suspended.');
}

/** Suspended users cannot be put into a group by someone else (the field and the user are named). */
export async function assertNoneBanned(uids: readonly string[], field: string): Promise<void> {
  if (uids.length === 0) return;
  const bans = await db().getAll(...uids.map((uid) => db().doc(paths.ban(uid))));
  const index = bans.findIndex(banInForce);
  if (index >= 0) refuse('failed-precondition', `Field '${field}': user '${uids[index]}' is suspended and cannot be added.`);
}

async function readProfiles(uids: readonly string[]): Promise<Map<string, DocumentSnapshot>> {
  const snaps = await db().getAll(...uids.map((uid) => db().doc(paths.user(uid))));
  return new Map(snaps.map((snap, i) => [uids[i]!, snap]));
}

/**
 * Every uid must be a live user; names are remembered for the system message. An Auth user whose
 * profile the user-creation trigger has not written yet (just signed up) exists: their profile is
 * created here. Only a uid unknown to Auth, or a deleted account, is refused.
 */
export async function assertUsersExist(uids: readonly string[], field: string): Promise<void> {
  if (uids.length === 0) return;
  const profiles = await readProfiles(uids);
  const missing = uids.filter((uid) => !profiles.get(uid)?.exists);
  if (missing.length > 0) {
    await createMissingProfiles(missing);
    for (const [uid, snap] of await readProfiles(missing)) profiles.set(uid, snap);
  }
  for (const uid of uids) {
    const snap = profiles.get(uid);
    if (!snap?.exists || snap.get('deleted') === true) refuse('not-found', `Field '${field}': user '${uid}' does not exist.`);
    rememberDisplayName(uid, snap.data());
  }
}

/** Refuses when any of `targets` blocked `actorId` (without saying which, so blocks stay private). */
export async function assertNotBlockedBy(targets: readonly string[], actorId: string): Promise<void> {
  if (targets.length === 0) return;
  const snaps = await db().getAll(...targets.map((uid) => db().doc(paths.block(uid, actorId))));
  if (snaps.some((snap) => snap.exists)) refuse('permission-denied', 'Some of these users cannot be added by you.');
}

/** Whether either of two users blocked the other: [a blocked b, b blocked a]. */
export async function blocksBetween(a: string, b: string): Promise<[boolean, boolean]> {
  const [ab, ba] = await db().getAll(db().doc(paths.block(a, b)), db().doc(paths.block(b, a)));
  return [Boolean(ab?.exists), Boolean(ba?.exists)];
}
