/**
 * `authCodes/{emailKey}`: the one live code per address. Saving replaces (voids) any older code;
 * a guess is judged, counted and the record consumed or locked in one transaction together with
 * the per-address failure limiter, so concurrent guesses cannot exceed the attempt limits.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { EMAIL_CODE_TTL_MS, authCodeSchema, paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { decide, type RateLimit } from '../ratelimit/window.ts';
import { readBucket, writeDecision } from '../ratelimit/limiter.ts';
import { judgeGuess, type GuessOutcome } from './codes.ts';

function codeRef(emailKey: string) {
  return db().doc(paths.authCode(emailKey));
}

export async function saveCode(emailKey: string, codeHash: string, nowMs: number = Date.now()): Promise<void> {
  await codeRef(emailKey).set({
    codeHash,
    attempts: 0,
    createdAt: Timestamp.fromMillis(nowMs),
    expiresAt: Timestamp.fromMillis(nowMs + EMAIL_CODE_TTL_MS),
  });
}

/** Deletes the record only if it still holds this code (a newer request's code is left alone). */
export async function discardCode(emailKey: string, codeHash: string): Promise<void> {
  const ref = codeRef(emailKey);
  await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (snap.get('codeHash') === codeHash) tx.delete(ref);
  });
}

export type GuessResult = GuessOutcome | { kind: 'limited'; retryAfterMs: number };

export async function judgeAndRecordGuess(input: {
  emailKey: string;
  guessHash: string;
  failuresKey: string;
  failureLimits: readonly RateLimit[];
  nowMs?: number;
}): Promise<GuessResult> {
  const ref = codeRef(input.emailKey);
  return db().runTransaction(async (tx): Promise<GuessResult> => {
    const nowMs = input.nowMs ?? Date.now();
    const [snap, failures] = await Promise.all([tx.get(ref), readBucket(tx, input.failuresKey)]);
    const failureDecision = decide(failures.hits, input.failureLimits, nowMs);
    if (!failureDecision.allowed) return { kind: 'limited', retryAfterMs: failureDecision.retryAfterMs };

    const parsed = authCodeSchema.safeParse(snap.data());
    const stored = parsed.success
      ? { codeHash: parsed.data.codeHash, attempts: parsed.data.attempts, expiresAtMs: parsed.data.expiresAt.toMillis() }
      : null;
    const outcome = judgeGuess(stored, input.guessHash, nowMs);
    if (outcome.kind === 'accepted') {
      tx.delete(ref);
      return outcome;
    }
    // Every failed guess counts against the address, whether or not a code was live.
    writeDecision(tx, failures, failureDecision);
    if (outcome.deleteRecord || (!parsed.success && snap.exists)) tx.delete(ref);
    else if (outcome.kind === 'wrong') tx.update(ref, { attempts: outcome.attempts });
    return outcome;
  });
}
