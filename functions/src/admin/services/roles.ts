/**
 * Staff roles live in the `role` custom claim. Granting keeps the user's other claims; demoting
 * also revokes refresh tokens, so the API (which checks revocation) stops honouring the old role
 * at once instead of when the token expires.
 */
import type { UserRecord } from 'firebase-admin/auth';
import type { CallableInput, StaffRole } from '@natter/model';
import type { Actor, AdminDeps } from '../deps.ts';
import { ServiceError, firebaseErrorCode } from '../errors.ts';
import { ROLE_CLAIM, staffRoleOf } from './staff.ts';

export type RoleInput = CallableInput<'setUserRole'>;

const RANK: Record<StaffRole | 'user', number> = { user: 0, moderator: 1, admin: 2 };

export interface RoleChange {
  uid: string;
  previous: StaffRole | null;
  role: StaffRole | null;
  tokensRevoked: boolean;
}

export async function setUserRole(deps: Pick<AdminDeps, 'auth'>, actor: Actor, input: RoleInput): Promise<RoleChange> {
  if (actor.uid !== null && actor.role !== 'admin') throw new ServiceError('forbidden', 'Only admins may change roles.');
  if (actor.uid === input.uid) throw new ServiceError('forbidden', 'Staff cannot change their own role.', { field: 'uid' });
  let user: UserRecord;
  try {
    user = await deps.auth.getUser(input.uid);
  } catch (error) {
    if (firebaseErrorCode(error) === 'auth/user-not-found') {
      throw new ServiceError('not-found', `No user has the uid '${input.uid}'.`, { field: 'uid' });
    }
    throw error;
  }
  const previous = staffRoleOf(user.customClaims);
  const role = input.role === 'user' ? null : input.role;
  const claims: Record<string, unknown> = { ...(user.customClaims ?? {}) };
  if (role === null) delete claims[ROLE_CLAIM];
  else claims[ROLE_CLAIM] = role;
  await deps.auth.setCustomUserClaims(input.uid, claims);
  const demoted = RANK[role ?? 'user'] < RANK[previous ?? 'user'];
  if (demoted) await deps.auth.revokeRefreshTokens(input.uid);
  return { uid: input.uid, previous, role, tokensRevoked: demoted };
}
