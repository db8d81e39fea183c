import { describe, expect, it } from 'vitest';
import { applyActionCode, confirmPasswordReset, createUserWithEmailAndPassword, signInWithEmailAndPassword } from 'firebase/auth';
import { paths } from '@natter/model';
import { adminAuth, adminDb, eventually } from '../../../tests/support/admin.ts';
import { callError } from '../../../tests/support/callables.ts';
import { anonymousClient, signedInClient } from '../../../tests/support/clients.ts';
import { linkFrom } from '../../../tests/support/mailbox.ts';
import { mailSuite } from '../../../tests/support/mailSuite.ts';

const suite = mailSuite();
const track = suite.track;

function oobCodeOf(link: string): string {
  const code = new URL(link).searchParams.get('oobCode');
  if (!code) throw new Error(`no oobCode in ${link}`);
  return code;
}

describe('password sign-up: verification email', () => {
  it('mails the new user a link that verifies their address', async () => {
    const session = track(anonymousClient());
    const { user } = await createUserWithEmailAndPassword(session.auth, 'signup@natter.test', 'correct horse');
    expect(user.emailVerified).toBe(false);
    const account = await eventually(async () => (await adminDb.doc(paths.account(user.uid)).get()).data());
    expect(account).toMatchObject({ email: 'signup@natter.test', emailVerified: false });

    await expect(session.call('sendVerificationEmail', {})).resolves.toEqual({ ok: true });
    const mail = await suite.mailbox.latest('signup@natter.test');
    expect(mail.subject).toBe('Confirm your email for Natter');
    const link = linkFrom(mail);
    expect(new URL(link).searchParams.get('mode')).toBe('verifyEmail');

    await applyActionCode(session.auth, oobCodeOf(link));
    await user.reload();
    expect(user.emailVerified).toBe(true);
  });

  it('sends nothing to an address that is already verified, with the same answer', async () => {
    const session = track(await signedInClient('verified-user'));
    await expect(session.call('sendVerificationEmail', {})).resolves.toEqual({ ok: true });
    expect(suite.mailbox.messages).toEqual([]);
  });

  it('needs a signed-in caller', async () => {
    await callError(track(anonymousClient()).call('sendVerificationEmail', {}), 'unauthenticated');
  });
});

describe('password reset', () => {
  it('mails a reset link whose code sets a new password', async () => {
    await adminAuth.createUser({ email: 'forgetful@natter.test', password: 'old-password', emailVerified: true });
    const session = track(anonymousClient());
    await expect(session.call('sendPasswordReset', { email: 'Forgetful@natter.test' })).resolves.toEqual({ ok: true });
    const mail = await suite.mailbox.latest('forgetful@natter.test');
    expect(mail.subject).toBe('Reset your Natter password');
    const link = linkFrom(mail);
    expect(new URL(link).searchParams.get('mode')).toBe('resetPassword');

    await confirmPasswordReset(session.auth, oobCodeOf(link), 'new-password');
    await expect(signInWithEmailAndPassword(session.auth, 'forgetful@natter.test', 'new-password')).resolves.toBeDefined();
    await expect(signInWithEmailAndPassword(track(anonymousClient()).auth, 'forgetful@natter.test', 'old-password')).rejects.toMatchObject({
      code: expect.stringMatching(/^auth\/(wrong-password|invalid-credential)$/) as unknown,
    });
  });

  it('tells an address without an account that none exists, without any reset code', async () => {
    await expect(track(anonymousClient()).call('sendPasswordReset', { email: 'nobody@natter.test' })).resolves.toEqual({ ok: true });
    const mail = await suite.mailbox.latest('nobody@natter.test');
    expect(mail.subject).toBe('Reset your Natter password');
    expect(mail.text).toContain('no Natter account uses it');
    expect(mail.text).not.toContain('oobCode');
    expect((await adminAuth.listUsers()).users).toEqual([]);
  });

  it('answers unavailable when the SMTP server refuses the message', async () => {
    await adminAuth.createUser({ email: 'smtp-reject@natter.test', password: 'whatever-1' });
    await callError(track(anonymousClient()).call('sendPasswordReset', { email: 'smtp-reject@natter.test' }), 'unavailable');
  });
});
