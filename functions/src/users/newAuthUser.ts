/** The fields of an Auth user record that a new account's documents are made from. */
import type { UserRecord } from 'firebase-admin/auth';
import type { NewAuthUser } from './profile.ts';

export function newAuthUser(user: Pick<UserRecord, 'uid' | 'email' | 'emailVerified' | 'displayName' | 'photoURL'>): NewAuthUser {
  return { uid: user.uid, email: user.email, emailVerified: user.emailVerified, displayName: user.displayName, photoURL: user.photoURL };
}
