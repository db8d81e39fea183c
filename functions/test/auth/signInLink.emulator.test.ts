import { describe, expect, it } from 'vitest';
import { isSignInWithEmailLink, signInWithEmailLink } from 'firebase/auth';
import { COLLECTIONS, paths } from '@natter/model';
import { adminAuth, adminDb, eventually } from '../../../tests/support/admin.ts';
import { collectionSizes } from '../../../tests/support/authRecords.ts';
import { callError } from '../../../tests/support/callables.ts';
import { DEV_PORTS } from '../../../tests/support/env.ts';
import { linkFrom } from '../../../tests/support/mailbox.ts';
import { mailSuite } from '../../../tests/support/mailSuite.ts';

/** The dev web client's origin (with the port offset), which the local allow-list admits. */
const APP = `http://localhost:${DEV_PORTS.web}`;

const suite = mailSuite();
const client = suite.client;

async function mailedLink(email: string, continueUrl = `${APP}/finish-sign-in`): Promise<string> {
  await expect(client().call('sendSignInLink', { email, continueUrl })).resolves.toEqual({ ok: true });
  return linkFrom(await suite.mailbox.latest(email));
}

describe('magic link sign-in, end to end', () => {
  it('mails a link that signs a new user in with the client SDK and creates their profile', async () => {
    const email = 'linky@natter.test';
    const link = await mailedLink(email);
    const mail = await suite.mailbox.latest(email);
    expect(mail.subject).toBe('Sign in to Natter');
    expect(mail.html).toContain(link.replaceAll('&', '&amp;'));
    expect(new URL(link).searchParams.get('continueUrl')).toBe(`${APP}/finish-sign-in`);

    const session = client();
    expect(isSignInWithEmailLink(session.auth, link)).toBe(true);
    const credential = await signInWithEmailLink(session.auth, email, link);
    expect(credential.user).toMatchObject({ email, emailVerified: true });
    const profile = await eventually(async () => (await adminDb.doc(paths.user(credential.user.uid)).get()).data());
    // Never named from the email: the directory must not confirm an address.
    expect(profile).toMatchObject({ displayName: 'Natter user' });
  });

  it('signs an existing account in as itself', async () => {
    const existing = await adminAuth.createUser({ email: 'has.password@natter.test', password: 'secret-123', emailVerified: true });
    const link = await mailedLink('has.password@natter.test');
    const credential = await signInWithEmailLink(client().auth, 'has.password@natter.test', link);
    expect(credential.user.uid).toBe(existing.uid);
  });

  it('is not used up by a plain GET (a mail scanner opening it), only by the client completing sign-in', async () => {
    const link = await mailedLink('scanned@natter.test');
    const scanner = await fetch(link, { redirect: 'manual' });
    expect(scanner.status).toBe(303);
    expect(scanner.headers.get('location')).toMatch(new RegExp(`^${APP}/finish-sign-in\\?`));
    await expect(signInWithEmailLink(client().auth, 'scanned@natter.test', link)).resolves.toBeDefined();
  });

  it('works once', async () => {
    const link = await mailedLink('once.only@natter.test');
    await expect(signInWithEmailLink(client().auth, 'once.only@natter.test', link)).resolves.toBeDefined();
    await expect(signInWithEmailLink(client().auth, 'once.only@natter.test', link)).rejects.toMatchObject({
      code: 'auth/invalid-action-code',
    });
  });

  it('does not sign in another address with the link', async () => {
    const link = await mailedLink('rightful@natter.test');
    await expect(signInWithEmailLink(client().auth, 'intruder@natter.test', link)).rejects.toMatchObject({
      code: expect.stringMatching(/^auth\/invalid-(email|action-code)$/) as unknown,
    });
  });
});

describe('continueUrl allow-list', () => {
  it.each([
    ['another port', `http://localhost:${DEV_PORTS.web + 1}/`],
    ['another host', 'https://evil.test/'],
    ['a look-alike host', `http://localhost:${DEV_PORTS.web}.evil.test/`],
    ['credentials before the host', `http://localhost:${DEV_PORTS.web}@evil.test/`],
    ['https instead of http', `https://localhost:${DEV_PORTS.web}/`],
  ])('refuses %s with invalid-argument naming continueUrl, writing and mailing nothing', async (_name, continueUrl) => {
    const error = await callError(client().call('sendSignInLink', { email: 'target@natter.test', continueUrl }), 'invalid-argument');
    expect(error.message).toContain("'continueUrl'");
    expect(error.details).toEqual({ fields: [{ field: 'continueUrl', message: expect.any(String) as unknown }] });
    expect(suite.mailbox.messages).toEqual([]);
    expect(await collectionSizes(COLLECTIONS.rateLimits)).toEqual({ rateLimits: 0 });
  });

  it('admits the dev web client on localhost and 127.0.0.1 (the control)', async () => {
    await expect(mailedLink('a.local@natter.test', `${APP}/`)).resolves.toMatch(/^http/);
    await expect(mailedLink('b.local@natter.test', `http://127.0.0.1:${DEV_PORTS.web}/x?y=1`)).resolves.toMatch(/^http/);
  });
});

describe('magic link delivery failures', () => {
  it('answers unavailable when the SMTP server refuses the message', async () => {
    const error = await callError(client().call('sendSignInLink', { email: 'smtp-reject@natter.test', continueUrl: `${APP}/` }), 'unavailable');
    expect(error.message).toMatch(/could not send the email/);
  });
});
