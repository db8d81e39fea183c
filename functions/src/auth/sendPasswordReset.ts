/**
 * Callable: mails a password reset link. An address without an account gets an email saying so
 * instead, so the caller sees the same status, body and (one SMTP send) timing either way.
 */
import type { CallableInput } from '@natter/model';
import { auth } from '../lib/admin.ts';
import type { CallContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { WEB_APP_URL } from '../lib/params.ts';
import { sendMail } from '../mail/mailer.ts';
import { noAccountEmail, passwordResetEmail, type Email } from '../mail/templates.ts';
import { isUserNotFound } from './accounts.ts';
import { buckets, keyForEmail, limitAuthCall, logHandle, mailUnavailable } from './shared.ts';

async function resetEmailFor(email: string): Promise<{ kind: string; email: Email }> {
  const appUrl = WEB_APP_URL.value();
  try {
    const link = await auth().generatePasswordResetLink(email, { url: appUrl });
    return { kind: 'password-reset', email: passwordResetEmail({ link }) };
  } catch (error) {
    if (!isUserNotFound(error)) throw error;
    return { kind: 'password-reset-no-account', email: noAccountEmail({ appUrl }) };
  }
}

export async function handleSendPasswordReset({ email }: CallableInput<'sendPasswordReset'>, context: CallContext) {
  const key = keyForEmail(email);
  await limitAuthCall('sendPasswordReset', [buckets.ip(context.ip), buckets.email(key)]);

  const message = await resetEmailFor(email);
  const started = Date.now();
  try {
    await sendMail(email, message.email);
  } catch (error) {
    throw mailUnavailable(error, message.kind, logHandle(key));
  }
  logs.authEmailSent({ kind: message.kind, account: logHandle(key), durationMs: Date.now() - started });
  return { ok: true } as const;
}
