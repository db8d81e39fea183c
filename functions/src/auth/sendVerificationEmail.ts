/**
 * Callable: after a client-side password sign-up, mails the signed-in caller a link confirming
 * their own address. Already verified: nothing is sent and the answer is the same `{ok: true}`.
 */
import { Refusal } from '../lib/refusal.ts';
import type { CallableInput } from '@natter/model';
import { auth } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { WEB_APP_URL } from '../lib/params.ts';
import { sendMail } from '../mail/mailer.ts';
import { verificationEmail } from '../mail/templates.ts';
import { buckets, keyForEmail, limitAuthCall, logHandle, mailUnavailable } from './shared.ts';

export async function handleSendVerificationEmail(_input: CallableInput<'sendVerificationEmail'>, context: AuthedContext) {
  await limitAuthCall('sendVerificationEmail', [buckets.ip(context.ip), buckets.account(context.uid)]);
  const user = await auth().getUser(context.uid);
  if (!user.email) throw new Refusal('failed-precondition', 'Your account has no email address to verify.');
  if (user.emailVerified) return { ok: true } as const;

  const link = await auth().generateEmailVerificationLink(user.email, { url: WEB_APP_URL.value() });
  const account = logHandle(keyForEmail(user.email));
  const started = Date.now();
  try {
    await sendMail(user.email, verificationEmail({ link }));
  } catch (error) {
    throw mailUnavailable(error, 'verification', account);
  }
  logs.authEmailSent({ kind: 'verification', account, durationMs: Date.now() - started });
  return { ok: true } as const;
}
