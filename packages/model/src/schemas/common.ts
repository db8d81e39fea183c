/** Building blocks shared by the collection and payload schemas. */
import { z } from 'zod';

/**
 * What Firestore refuses as a document id (https://firebase.google.com/docs/firestore/quotas):
 * `.` and `..`, anything matching `__.*__`, a `/`, more than 1,500 bytes. Every id a caller hands
 * us becomes a path segment somewhere, so every id schema starts from this one: a request naming
 * such an id is refused here, with the field named, instead of reaching Firestore and throwing.
 */
export const MAX_FIRESTORE_ID_BYTES = 1500;
const RESERVED_ID = /^(?:\.{1,2}|__[\s\S]*__)$/;
const utf8 = new TextEncoder();

export function firestoreIdSchema(maxLength: number, pattern: { regex: RegExp; message: string } = { regex: /^[^/]+$/, message: 'must not contain "/"' }) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .regex(pattern.regex, pattern.message)
    .refine((id) => !RESERVED_ID.test(id), { message: 'must not be ".", ".." or "__…__" (ids Firestore reserves)' })
    .refine((id) => utf8.encode(id).length <= MAX_FIRESTORE_ID_BYTES, { message: `must be at most ${MAX_FIRESTORE_ID_BYTES} bytes` });
}

export const URL_SAFE = { regex: /^[A-Za-z0-9_-]+$/, message: 'must be URL-safe letters, digits, _ or -' } as const;

/** Firebase Auth uids: 1-128 characters, no slash, not an id Firestore reserves (they become path segments). */
export const uidSchema = firestoreIdSchema(128);

/** A uid named in a message's `mentions`: rules join the list with `,`, so a comma is refused too. */
export const mentionUidSchema = uidSchema.regex(/^[^,]+$/, 'must not contain ","');

/** Firestore document ids chosen by clients (message ids): URL-safe and bounded. */
export const docIdSchema = firestoreIdSchema(128, URL_SAFE);

/** A chat id: either a random id or two uids joined with `_` (direct chats). */
export const chatIdSchema = firestoreIdSchema(260);

/**
 * The instants a Firestore timestamp can hold: 0001-01-01T00:00:00Z up to, not including,
 * 10000-01-01T00:00:00Z. A date outside them would make `Timestamp.fromMillis` throw. The lower
 * bound is spelled out because `Date.UTC` maps years 0-99 to 1900-1999.
 */
export const FIRESTORE_MIN_DATE_MS = -62_135_596_800_000;
export const FIRESTORE_MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isStorableDate(ms: number): boolean {
  return Number.isFinite(ms) && ms >= FIRESTORE_MIN_DATE_MS && ms <= FIRESTORE_MAX_DATE_MS;
}

/** An ISO 8601 date-time with offset that Firestore can store: every date a caller hands us. */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => isStorableDate(Date.parse(value)), { message: 'must be between 0001-01-01 and 9999-12-31 (UTC)' });

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
