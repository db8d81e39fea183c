/**
 * The sign-in callables (email codes, sign-in links, password reset, address verification). Each
 * handler module loads on the callable's first call; the secrets are bound here, at definition.
 */
import { authedCallable, publicCallable } from '../lib/callable.ts';
import { lazyHandler } from '../lib/lazy.ts';
import { AUTH_SECRETS, MAIL_SECRETS } from '../lib/params.ts';

export const requestEmailCode = publicCallable('requestEmailCode', lazyHandler(async () => (await import('./requestEmailCode.ts')).handleRequestEmailCode), { secrets: [...AUTH_SECRETS, ...MAIL_SECRETS] });
export const verifyEmailCode = publicCallable('verifyEmailCode', lazyHandler(async () => (await import('./verifyEmailCode.ts')).handleVerifyEmailCode), { secrets: AUTH_SECRETS });
export const sendSignInLink = publicCallable('sendSignInLink', lazyHandler(async () => (await import('./sendSignInLink.ts')).handleSendSignInLink), { secrets: [...AUTH_SECRETS, ...MAIL_SECRETS] });
export const sendPasswordReset = publicCallable('sendPasswordReset', lazyHandler(async () => (await import('./sendPasswordReset.ts')).handleSendPasswordReset), { secrets: [...AUTH_SECRETS, ...MAIL_SECRETS] });
export const sendVerificationEmail = authedCallable('sendVerificationEmail', lazyHandler(async () => (await import('./sendVerificationEmail.ts')).handleSendVerificationEmail), { secrets: [...AUTH_SECRETS, ...MAIL_SECRETS] });
