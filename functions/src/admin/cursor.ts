/**
 * Opaque page cursors: base64url JSON that the API issues and reads back. A cursor that does not
 * decode, or was issued for a different listing, is a validation error on `cursor`.
 */
import { z } from 'zod';
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

/** Firestore timestamps in cursors keep full precision as [seconds, nanoseconds]. */
export const timestampTupleSchema = z.tuple([z.number().int(), z.number().int().min(0).max(999_999_999)]);
