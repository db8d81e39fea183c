/**
 * What the admin services need from the outside world, and the one place that wires it. The
 * rate limiter and the complete user deletion belong to the auth issue: until its modules land,
 * `defaultAdminDeps` points at the interim implementations in `./standins`. Swapping them is a
 * two-line change here; nothing else imports the stand-ins.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import type { AuditEntry, StaffRole } from '@natter/model';
import { auth, db } from '../lib/admin.ts';
import { storageMediaStore } from './media.ts';
import { firestoreRateLimiter } from './standins/firestoreRateLimiter.ts';
import { deleteUserData } from './standins/deleteUserData.ts';

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

/** Chat media in Storage. */
export interface MediaStore {
  /** Deletes every object under `prefix` in bounded pages; resolves with how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
}

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
    // Merge note: replace with issue 5's shared limiter.
    rateLimiter: firestoreRateLimiter(firestore),
    // Merge note: replace with issue 5's complete deletion service.
    deleteUserCompletely: (uid) => deleteUserData({ db: firestore, auth: authentication }, uid),
    media: storageMediaStore(),
    now: () => Date.now(),
  };
}
