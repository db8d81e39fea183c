/**
 * Callable: mails a Firebase email sign-in link (Slack-style magic link). The link only signs in
 * when the web client completes `signInWithEmailLink` in script, so a mail scanner opening it
 * neither uses nor burns it; continueUrl must be on the allow-list.
 */
import { Refusal } from '../lib/refusal.ts';
import type { CallableInput } from '@natter/model';
import { auth } from '../lib/admin.ts';
import type { CallContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { AUTH_CONTINUE_URL_ALLOWLIST } from '../lib/params.ts';
import { sendMail } from '../mail/mailer.ts';
import { signInLinkEmail } from '../mail/templates.ts';
import { buckets, keyForEmail, limitAuthCall, logHandle, mailUnavailable } from './shared.ts';
import { isAllowedContinueUrl, parseAllowList } from './continueUrl.ts';

export async function handleSendSignInLink({ email, continueUrl }: CallableInput<'sendSignInLink'>, context: CallContext) {
  if (!isAllowedContinueUrl(continueUrl, parseAllowList(AUTH_CONTINUE_URL_ALLOWLIST.value()))) {
    const message = 'is not an allowed address for this app';
    throw new Refusal('invalid-argument', `Field 'continueUrl': ${message}`, { fields: [{ field: 'continueUrl', message }] });
  }
  const key = keyForEmail(email);
  await limitAuthCall('sendSignInLink', [buckets.ip(context.ip), buckets.email(key)]);

  const link = await auth().generateSignInWithEmailLink(email, { url: continueUrl, handleCodeInApp: true });
  const started = Date.now();
  try {
    await sendMail(email, signInLinkEmail({ link }));
  } catch (error) {
    throw mailUnavailable(error, 'sign-in-link', logHandle(key));
  }
  logs.authEmailSent({ kind: 'sign-in-link', account: logHandle(key), durationMs: Date.now() - started });
  return { ok: true } as const;
}
