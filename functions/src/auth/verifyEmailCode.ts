/** Callable: exchanges a mailed code for a custom token of the address's (new or existing) user. */
import { Refusal } from '../lib/refusal.ts';
import type { CallableInput } from '@natter/model';
import { auth } from '../lib/admin.ts';
import type { CallContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { CONTENTION_RETRY_MS, isContention, rateLimitedError } from '../ratelimit/limiter.ts';
import { userForProvenEmail } from './accounts.ts';
import { buckets, codeFailureLimits, keyForEmail, limitAuthCall, logHandle, pepper } from './shared.ts';
import { codeHash } from './codes.ts';
import { judgeAndRecordGuess } from './emailCodeStore.ts';

export async function handleVerifyEmailCode({ email, code }: CallableInput<'verifyEmailCode'>, context: CallContext) {
  const key = keyForEmail(email);
  await limitAuthCall('verifyEmailCode', [buckets.ip(context.ip)]);

  const result = await judgeAndRecordGuess({
    emailKey: key,
    guessHash: codeHash(pepper(), key, code),
    failuresKey: buckets.codeFailuresKey(key),
    failureLimits: codeFailureLimits(),
  }).catch((error: unknown) => {
    // A flood of guesses on one address: refuse as rate limited rather than fail with internal.
    if (isContention(error)) return { kind: 'limited', retryAfterMs: CONTENTION_RETRY_MS } as const;
    throw error;
  });
  if (result.kind === 'limited') {
    logs.authRateLimited({ callable: 'verifyEmailCode', bucket: 'auth-code-failures', retryAfterMs: result.retryAfterMs });
    throw rateLimitedError(result.retryAfterMs);
  }
  if (result.kind !== 'accepted') {
    logs.emailCodeRejected({ account: logHandle(key), reason: result.kind === 'wrong' ? 'wrong' : result.reason });
    // One answer for wrong, expired, used, voided and locked codes and for addresses without a code.
    throw new Refusal('permission-denied', 'That code is wrong or no longer valid. Check it or ask for a new code.', {
      reason: 'invalid-code',
    });
  }

  const { uid, created } = await userForProvenEmail(email);
  const token = await auth().createCustomToken(uid);
  logs.emailCodeAccepted({ uid, created });
  return { token };
}
