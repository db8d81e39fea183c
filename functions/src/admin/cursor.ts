/**
 * Opaque page cursors: base64url JSON that the API issues and reads back. A cursor that does not
 * decode, or was issued for a different listing, is a validation error on `cursor`.
 */
import { z } from 'zod';
import { FIRESTORE_MAX_DATE_MS, FIRESTORE_MIN_DATE_MS, chatIdSchema, docIdSchema, firestoreIdSchema } from '@natter/model';
import { ServiceError } from './errors.ts';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ServiceError('invalid', 'is not a nextCursor this listing issued', { field: 'cursor' });
  return parsed.data;
}

/**
 * Firestore timestamps in cursors keep full precision as [seconds, nanoseconds]. A cursor is
 * client input like any other, so its seconds are bounded to what a Timestamp can hold: outside
 * them `new Timestamp` throws, which would be a 500 instead of a 400 naming `cursor`.
 */
export const timestampTupleSchema = z.tuple([
  z.number().int().min(Math.ceil(FIRESTORE_MIN_DATE_MS / 1000)).max(Math.floor(FIRESTORE_MAX_DATE_MS / 1000)),
  z.number().int().min(0).max(999_999_999),
]);

/** A document id carried in a cursor: one Firestore accepts, or `startAfter` would throw. */
export const cursorIdSchema = firestoreIdSchema(128);

/** A message's full path carried in a cursor (`chats/{chatId}/messages/{messageId}`), ids checked. */
export const messagePathSchema = z
  .string()
  .max(1024)
  .refine((path) => {
    const match = /^chats\/([^/]+)\/messages\/([^/]+)$/.exec(path);
    return match !== null && chatIdSchema.safeParse(match[1]).success && docIdSchema.safeParse(match[2]).success;
  });
