/**
 * The Firebase services a data-access module needs, passed in rather than imported, so the same
 * modules run in the browser (see app.ts) and in Node tests against the emulators.
 */
import type { Auth } from 'firebase/auth';
import type { Database } from 'firebase/database';
import type { Firestore } from 'firebase/firestore';
import type { Functions } from 'firebase/functions';
import type { FirebaseStorage } from 'firebase/storage';

export interface Services {
  auth: Auth;
  db: Firestore;
  functions: Functions;
  /** Null where the Realtime Database is not available (e.g. offline emulators): presence and typing degrade. */
  database: Database | null;
  /** Null where Cloud Storage is not available: media messages and avatar uploads degrade. */
  storage: FirebaseStorage | null;
}

/** The signed-in uid, or an error in words for code paths that need one. */
export function requireUid(services: Pick<Services, 'auth'>): string {
  const uid = services.auth.currentUser?.uid;
  if (!uid) throw new Error('You are signed out. Sign in again to continue.');
  return uid;
}
