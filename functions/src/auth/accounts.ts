/** Finds or creates the Firebase Auth user that owns an email address proven by a code. */
import { randomBytes } from 'node:crypto';
import type { UserRecord } from 'firebase-admin/auth';
import { auth } from '../lib/admin.ts';

function authCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export function isUserNotFound(error: unknown): boolean {
  return authCode(error) === 'auth/user-not-found' || authCode(error) === 'auth/email-not-found';
}

async function findByEmail(email: string): Promise<UserRecord | null> {
  try {
    return await auth().getUserByEmail(email);
  } catch (error) {
    if (isUserNotFound(error)) return null;
    throw error;
  }
}

/**
 * The user for `email`, created if none exists. Proving the address (a code from its mailbox)
 * marks it verified. An unverified account may have been registered by someone else with this
 * address ("pre-hijacking"): its password is replaced by a random one nobody knows and its sessions
 * are revoked before the owner of the mailbox gets in, so whoever set that password is locked out
 * (the owner can choose a password later with a reset link).
 */
export async function userForProvenEmail(email: string): Promise<{ uid: string; created: boolean }> {
  const existing = await findByEmail(email);
  if (existing) {
    if (!existing.emailVerified) {
      const hasPassword = existing.providerData.some((p) => p.providerId === 'password');
      await auth().updateUser(existing.uid, {
        emailVerified: true,
        ...(hasPassword ? { password: randomBytes(32).toString('base64url') } : {}),
      });
      await auth().revokeRefreshTokens(existing.uid);
    }
    return { uid: existing.uid, created: false };
  }
  try {
    const user = await auth().createUser({ email, emailVerified: true });
    return { uid: user.uid, created: true };
  } catch (error) {
    // Another sign-in created the account between our lookup and create.
    if (authCode(error) !== 'auth/email-already-exists') throw error;
    const raced = await findByEmail(email);
    if (!raced) throw error;
    return { uid: raced.uid, created: false };
  }
}
