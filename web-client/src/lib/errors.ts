/** Turns Firebase and other errors into words a user can act on. */
import { FirebaseError } from 'firebase/app';

const MESSAGES: Record<string, string> = {
  'auth/invalid-credential': 'That email and password do not match an account.',
  'auth/wrong-password': 'That email and password do not match an account.',
  'auth/user-not-found': 'There is no account with that email.',
  'auth/email-already-in-use': 'An account with that email already exists. Sign in instead, or reset the password.',
  'auth/weak-password': 'That password is too weak: use at least 8 characters.',
  'auth/invalid-email': 'Enter a valid email address.',
  'auth/too-many-requests': 'Too many attempts. Wait a moment and try again.',
  'auth/network-request-failed': 'Network problem: check your connection and try again.',
  'auth/invalid-action-code': 'That link has expired or was already used. Ask for a new one.',
  'auth/expired-action-code': 'That link has expired. Ask for a new one.',
  'auth/invalid-custom-token': 'Sign-in failed: the server sent an invalid token. Ask for a new code.',
  'permission-denied': 'You are not allowed to do that here.',
  unavailable: 'Natter is unreachable right now. Changes will sync when you are back online.',
  'failed-precondition': 'That cannot be done right now.',
  'resource-exhausted': 'Too many requests. Wait a moment and try again.',
  unauthenticated: 'You are signed out. Sign in again to continue.',
  'not-found': 'That no longer exists.',
  internal: 'Something went wrong on the server. Try again in a moment.',
  'functions/internal': 'Something went wrong on the server. Try again in a moment.',
  'functions/unavailable': 'Natter is unreachable right now. Try again when you are back online.',
};

/** Functions errors carry the server's sentence (e.g. "Field 'name': ..."); prefer it. */
const FUNCTIONS_CODES_WITH_USEFUL_MESSAGES = new Set([
  'functions/invalid-argument',
  'functions/permission-denied',
  'functions/not-found',
  'functions/failed-precondition',
  'functions/resource-exhausted',
  'functions/already-exists',
  'functions/unauthenticated',
  'functions/out-of-range',
]);

export function describeError(error: unknown): string {
  if (error instanceof FirebaseError) {
    if (FUNCTIONS_CODES_WITH_USEFUL_MESSAGES.has(error.code) && error.message) return error.message;
    return MESSAGES[error.code] ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
