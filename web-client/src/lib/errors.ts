/** Turns Firebase and other errors into words a user can act on. */
import { FirebaseError } from 'firebase/app';

const MESSAGES: Record<string, string> = {
  'auth/invalid-credential': 'That email and password do not match an account.',
  'auth/too-many-requests': 'Too many attempts. Wait a moment and try again.',
  'auth/network-request-failed': 'Network problem: check your connection and try again.',
  'permission-denied': 'You do not have access to that.',
  unavailable: 'Natter is unreachable right now. Changes will sync when you are back online.',
};

export function describeError(error: unknown): string {
  if (error instanceof FirebaseError) return MESSAGES[error.code] ?? error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
