/** Building blocks shared by the collection and payload schemas. */
import { z } from 'zod';

/** Firebase Auth uids: 1-128 characters, no slash (they become path segments). */
export const uidSchema = z.string().min(1).max(128).regex(/^[^/]+$/, 'must not contain "/"');

/** Firestore document ids chosen by clients (message ids): URL-safe and bounded. */
export const docIdSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe letters, digits, _ or -');

/** A chat id: either a random id or two uids joined with `_` (direct chats). */
export const chatIdSchema = z.string().min(1).max(260).regex(/^[^/]+$/, 'must not contain "/"');

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const httpsUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);

/**
 * Firestore timestamps differ between the Admin and client SDKs; both expose `toMillis()`.
 * Stored documents are validated structurally so the schema works on either side.
 */
export interface TimestampLike {
  toMillis(): number;
}
export const timestampSchema = z.custom<TimestampLike>(
  (value) => typeof value === 'object' && value !== null && typeof (value as TimestampLike).toMillis === 'function',
  { message: 'must be a Firestore timestamp' },
);
