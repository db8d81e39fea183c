/**
 * Email sign-in code maths: codes from a CSPRNG, keyed hashes under the secret pepper, a
 * constant-time comparison and the pure decision for one guess. No Firebase imports.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { EMAIL_CODE_DIGITS, EMAIL_CODE_MAX_ATTEMPTS } from '@natter/model';

/** A uniformly random code of EMAIL_CODE_DIGITS digits (leading zeros kept). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** EMAIL_CODE_DIGITS)).padStart(EMAIL_CODE_DIGITS, '0');
}

function hmacHex(pepper: string, purpose: string, value: string): string {
  if (pepper.length < 16) throw new Error('AUTH_CODE_PEPPER is missing or shorter than 16 characters');
  return createHmac('sha256', pepper).update(`${purpose}\u0000${value}`).digest('hex');
}

/**
 * The id of everything Natter stores about an address it was asked to mail (code records, limiter
 * keys): a keyed hash, so the stored id reveals nothing without the pepper.
 */
export function emailKey(pepper: string, normalizedEmail: string): string {
  return hmacHex(pepper, 'email', normalizedEmail);
}

/** Limiter key material for a caller IP, hashed for the same reason. */
export function ipKey(pepper: string, ip: string): string {
  return hmacHex(pepper, 'ip', ip);
}

/** The stored form of a code: bound to the address, so a code is useless for any other address. */
export function codeHash(pepper: string, forEmailKey: string, code: string): string {
  return hmacHex(pepper, 'code', `${forEmailKey}:${code}`);
}

/** Constant-time equality of two hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export interface StoredCode {
  codeHash: string;
  attempts: number;
  expiresAtMs: number;
}

export type GuessOutcome =
  | { kind: 'accepted' }
  /** No live code: none requested, voided, used, expired or locked. The record (if any) goes. */
  | { kind: 'no-code'; reason: 'missing' | 'expired' | 'locked'; deleteRecord: boolean }
  /** Wrong code: count the attempt; the record goes when the attempts are used up. */
  | { kind: 'wrong'; attempts: number; deleteRecord: boolean };

/** Judges one guess against the stored code at `nowMs`. */
export function judgeGuess(stored: StoredCode | null, guessHash: string, nowMs: number): GuessOutcome {
  if (stored === null) return { kind: 'no-code', reason: 'missing', deleteRecord: false };
  if (stored.expiresAtMs <= nowMs) return { kind: 'no-code', reason: 'expired', deleteRecord: true };
  if (stored.attempts >= EMAIL_CODE_MAX_ATTEMPTS) return { kind: 'no-code', reason: 'locked', deleteRecord: true };
  if (digestsEqual(stored.codeHash, guessHash)) return { kind: 'accepted' };
  const attempts = stored.attempts + 1;
  return { kind: 'wrong', attempts, deleteRecord: attempts >= EMAIL_CODE_MAX_ATTEMPTS };
}
