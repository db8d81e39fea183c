/**
 * What every auth callable shares: the pepper, the limiter buckets (per address, per account, per
 * caller IP, wrong codes per address) built from params, and the mail failure mapped to `unavailable`.
 */
import { Refusal } from '../lib/refusal.ts';
import { AUTH_CODE_FAILURE_LIMITS, AUTH_CODE_PEPPER, AUTH_EMAIL_LIMITS, AUTH_IP_LIMITS } from '../lib/params.ts';
import { logs } from '../lib/logs.ts';
import { assertAllowed, consumeAll, parseLimits, type Bucket, type RateLimit } from '../ratelimit/limiter.ts';
import { MailUnavailableError } from '../mail/mailer.ts';
import { emailKey, ipKey } from './codes.ts';


export function pepper(): string {
  return AUTH_CODE_PEPPER.value();
}

export function keyForEmail(email: string): string {
  return emailKey(pepper(), email);
}

/** A short, pseudonymous handle for logs: the first characters of the keyed address hash. */
export function logHandle(key: string): string {
  return key.slice(0, 12);
}

export const buckets = {
  email: (key: string): Bucket => ({ key: `auth-email:${key}`, limits: parseLimits(AUTH_EMAIL_LIMITS.value()) }),
  account: (uid: string): Bucket => ({ key: `auth-account:${uid}`, limits: parseLimits(AUTH_EMAIL_LIMITS.value()) }),
  ip: (ip: string): Bucket => ({ key: `auth-ip:${ipKey(pepper(), ip)}`, limits: parseLimits(AUTH_IP_LIMITS.value()) }),
  codeFailuresKey: (key: string): string => `auth-code-failures:${key}`,
};

export function codeFailureLimits(): RateLimit[] {
  return parseLimits(AUTH_CODE_FAILURE_LIMITS.value());
}

/** Counts the call against every bucket or throws `resource-exhausted` with when to retry. */
export async function limitAuthCall(callable: string, list: readonly Bucket[]): Promise<void> {
  const result = await consumeAll(list);
  if (!result.allowed) {
    logs.authRateLimited({ callable, bucket: result.key.split(':')[0] ?? 'unknown', retryAfterMs: result.retryAfterMs });
  }
  assertAllowed(result);
}

/** The refusal for a failed send: clear, retryable, and without the provider's words. */
export function mailUnavailable(error: unknown, kind: string, account: string): Refusal {
  const reason = error instanceof MailUnavailableError ? error.reason : 'unexpected';
  logs.authEmailFailed({ kind, account, reason });
  return new Refusal('unavailable', 'We could not send the email just now. Please try again in a few minutes.');
}
