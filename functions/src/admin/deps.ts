/**
 * What the admin services need from the outside world, and the one place that wires it: the
 * shared rate limiter and the complete user deletion of the auth lifecycle.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import type { AuditEntry, StaffRole } from '@natter/model';
import { auth, db } from '../lib/admin.ts';
import { storageMediaStore, type MediaStore } from './media.ts';
import { consume } from '../ratelimit/limiter.ts';
import { deleteUserData } from '../users/deleteUserData.ts';
import { firebaseErrorCode } from './errors.ts';

export interface RateLimit {
  /** Calls allowed per window. */
  max: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** When not allowed: seconds until the earliest exhausted window resets. */
  retryAfterSeconds: number;
}

/** The shared limiter: `consume` counts one call against every window and says whether it may go ahead. */
export interface RateLimiter {
  consume(key: string, limits: readonly RateLimit[]): Promise<RateDecision>;
}

/** The auth lifecycle's complete deletion: account, profile, private data, memberships, content. */
export type DeleteUserCompletely = (uid: string) => Promise<void>;

export interface AdminDeps {
  db: Firestore;
  auth: Auth;
  rateLimiter: RateLimiter;
  deleteUserCompletely: DeleteUserCompletely;
  media: MediaStore;
  now: () => number;
}

/** Who is acting, for authorisation checks and the audit log. */
export interface Actor {
  /** Null for the system actors (the command-line tool, schedules), which act with the project's own credentials. */
  uid: string | null;
  role: StaffRole | null;
  via: AuditEntry['via'];
  requestId: string;
}

/** Calls per caller per minute across the admin API and the admin callables. */
export const STAFF_RATE_LIMIT_KEY = (uid: string) => `admin:${uid}`;

export function defaultAdminDeps(): AdminDeps {
  const firestore = db();
  const authentication = auth();
  return {
    db: firestore,
    auth: authentication,
    rateLimiter: sharedRateLimiter,
    deleteUserCompletely: (uid) => deleteUserCompletely(authentication, uid),
    media: storageMediaStore(),
    now: () => Date.now(),
  };
}

/** The admin limits, in the shared limiter's units. */
const sharedRateLimiter: RateLimiter = {
  async consume(key, limits) {
    const result = await consume(key, limits.map(({ max, windowSeconds }) => ({ max, windowMs: windowSeconds * 1000 })));
    return result.allowed ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) };
  },
};

/**
 * The auth lifecycle's deletion, run now rather than left to the `onUserDeleted` trigger, so the
 * API answers only when nothing personal remains; the trigger then runs it again as a no-op.
 */
async function deleteUserCompletely(authentication: Auth, uid: string): Promise<void> {
  const user = await authentication.getUser(uid).catch((error: unknown) => {
    if (firebaseErrorCode(error) === 'auth/user-not-found') return null;
    throw error;
  });
  if (user) {
    await authentication.updateUser(uid, { disabled: true });
    await authentication.revokeRefreshTokens(uid);
  }
  await deleteUserData(uid, { email: user?.email ?? null });
  if (user) await authentication.deleteUser(uid);
}
