/**
 * Server-only records behind the sign-in flows: `authCodes/{emailKey}` and `rateLimits/{id}`.
 * Neither holds an email address or a code in clear; both carry `expiresAt` for a TTL policy.
 */
import { z } from 'zod';
import { EMAIL_CODE_MAX_ATTEMPTS } from '../limits.ts';
import { timestampSchema } from './common.ts';

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 digest');

/**
 * The one live email code for an address. The id is the keyed hash of the address; `codeHash` is
 * HMAC-SHA256 of the code under the secret pepper. A new code replaces the record (voiding the old).
 */
export const authCodeSchema = z.strictObject({
  codeHash: sha256HexSchema,
  /** Wrong guesses so far; the record is deleted when it reaches the maximum. */
  attempts: z.number().int().min(0).max(EMAIL_CODE_MAX_ATTEMPTS),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
});
export type AuthCode = z.infer<typeof authCodeSchema>;

/** Hard cap on the timestamps one limiter record keeps (the largest `max` of its limits). */
export const MAX_RATE_LIMIT_HITS = 1000;

/** A sliding-window log: accepted hits in epoch milliseconds, oldest first. */
export const rateLimitRecordSchema = z.strictObject({
  hits: z.array(z.number().int().min(0)).max(MAX_RATE_LIMIT_HITS),
  expiresAt: timestampSchema,
});
export type RateLimitRecord = z.infer<typeof rateLimitRecordSchema>;
