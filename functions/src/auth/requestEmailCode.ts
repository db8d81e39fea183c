/** Callable: mails a 6-digit sign-in code to an address (existing account or new). */
import { EMAIL_CODE_TTL_MS, type CallableInput } from '@natter/model';
import type { CallContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { sendMail } from '../mail/mailer.ts';
import { signInCodeEmail } from '../mail/templates.ts';
import { buckets, keyForEmail, limitAuthCall, logHandle, mailUnavailable, pepper } from './shared.ts';
import { codeHash, generateCode } from './codes.ts';
import { discardCode, saveCode } from './emailCodeStore.ts';

/** The same answer whether or not an account uses the address. */
export async function handleRequestEmailCode({ email }: CallableInput<'requestEmailCode'>, context: CallContext) {
  const key = keyForEmail(email);
  await limitAuthCall('requestEmailCode', [buckets.ip(context.ip), buckets.email(key)]);

  const code = generateCode();
  const hash = codeHash(pepper(), key, code);
  // Saving first voids any older code at once; a failed send removes this one again.
  await saveCode(key, hash);
  const started = Date.now();
  try {
    await sendMail(email, signInCodeEmail({ code, ttlMinutes: EMAIL_CODE_TTL_MS / 60_000 }));
  } catch (error) {
    await discardCode(key, hash);
    throw mailUnavailable(error, 'code', logHandle(key));
  }
  logs.authEmailSent({ kind: 'code', account: logHandle(key), durationMs: Date.now() - started });
  return { ok: true } as const;
}
