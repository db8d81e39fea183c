import { describe, expect, it } from 'vitest';
import { signInWithCustomToken, signInWithEmailAndPassword } from 'firebase/auth';
import { collection, doc, getDoc, getDocs, limit, query } from 'firebase/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, authCodeSchema, paths } from '@natter/model';
import { adminAuth, adminDb, eventually } from '../../../tests/support/admin.ts';
import { authCodeDoc, bucketKeys, clearRateLimits, collectionSizes, emailKeyFor } from '../../../tests/support/authRecords.ts';
import { callError } from '../../../tests/support/callables.ts';
import { signedInClient } from '../../../tests/support/clients.ts';
import { codeFrom } from '../../../tests/support/mailbox.ts';
import { mailSuite } from '../../../tests/support/mailSuite.ts';

const suite = mailSuite();
const client = suite.client;

/** Requests a code through the callable and reads it from the mail that arrived. */
async function requestCode(email: string): Promise<string> {
  const address = email.trim().toLowerCase();
  const before = suite.mailbox.to(address).length;
  await expect(client().call('requestEmailCode', { email })).resolves.toEqual({ ok: true });
  const mails = suite.mailbox.to(address);
  expect(mails.length).toBe(before + 1);
  return codeFrom(mails.at(-1) ?? (await suite.mailbox.latest(address)));
}

/** Another request at once would hit the 1-per-minute limit; tests that need two reset it. */
async function requestAgain(email: string, differentFrom: string): Promise<string> {
  for (;;) {
    await clearRateLimits({ keep: [bucketKeys.codeFailures(email)] });
    const code = await requestCode(email);
    if (code !== differentFrom) return code;
  }
}

function verify(email: string, code: string) {
  return client().call<{ token: string }>('verifyEmailCode', { email, code });
}

function wrongCode(right: string, n = 0): string {
  return String((Number(right) + 1 + n) % 1_000_000).padStart(6, '0');
}

describe('email code sign-in, end to end', () => {
  it('mails a code, exchanges it for a custom token and signs a new user in with profile documents', async () => {
    const email = 'new.person+codes@natter.test';
    const code = await requestCode(email);
    const mail = await suite.mailbox.latest(email);
    expect(mail.subject).toContain(code);
    expect(mail.html).toContain(code);

    const { token } = await verify(email, code);
    const session = client();
    const credential = await signInWithCustomToken(session.auth, token);
    const user = await adminAuth.getUser(credential.user.uid);
    expect(user).toMatchObject({ email, emailVerified: true });

    const profile = await eventually(async () => (await adminDb.doc(paths.user(user.uid)).get()).data());
    // Never named from the email: the directory must not confirm an address.
    expect(profile).toMatchObject({ uid: user.uid, displayName: 'Natter user', about: '' });
    const account = await eventually(async () => (await adminDb.doc(paths.account(user.uid)).get()).data());
    expect(account).toMatchObject({ email, emailVerified: true, settings: { readReceipts: true, lastSeen: 'everyone' } });
  });

  it('signs an existing account in as itself, whatever the case of the address typed', async () => {
    const existing = await adminAuth.createUser({ email: 'ana@natter.test', emailVerified: true });
    const code = await requestCode('  ANA@natter.test ');
    const { token } = await verify('Ana@Natter.test', code);
    const credential = await signInWithCustomToken(client().auth, token);
    expect(credential.user.uid).toBe(existing.uid);
  });

  it('locks out whoever registered an unverified password account with the address (pre-hijacking)', async () => {
    const squatter = await adminAuth.createUser({ email: 'victim@natter.test', password: 'squatter-pass', emailVerified: false });
    // Control: the squatter's password works until the mailbox owner proves the address.
    await expect(signInWithEmailAndPassword(client().auth, 'victim@natter.test', 'squatter-pass')).resolves.toBeDefined();

    const code = await requestCode('victim@natter.test');
    const { token } = await verify('victim@natter.test', code);
    expect((await signInWithCustomToken(client().auth, token)).user.uid).toBe(squatter.uid);
    expect(await adminAuth.getUser(squatter.uid)).toMatchObject({ email: 'victim@natter.test', emailVerified: true });
    await expect(signInWithEmailAndPassword(client().auth, 'victim@natter.test', 'squatter-pass')).rejects.toMatchObject({
      code: expect.stringMatching(/^auth\/(wrong-password|invalid-credential)$/) as unknown,
    });
  });
});

describe('email codes are single-use secrets', () => {
  it('stores only a keyed hash: neither the code nor the address appears in any record', async () => {
    const email = 'secret.keeper@natter.test';
    const code = await requestCode(email);
    const record = await authCodeDoc(email).get();
    const parsed = authCodeSchema.parse(record.data());
    expect(parsed.attempts).toBe(0);
    expect(parsed.expiresAt.toMillis() - parsed.createdAt.toMillis()).toBe(10 * 60 * 1000);

    const everything = [
      ...(await adminDb.collection(COLLECTIONS.authCodes).get()).docs,
      ...(await adminDb.collection(COLLECTIONS.rateLimits).get()).docs,
    ].map((d) => JSON.stringify({ id: d.id, path: d.ref.path, data: d.data() }));
    expect(everything.length).toBeGreaterThanOrEqual(3);
    for (const text of everything) {
      expect(text).not.toContain(code);
      expect(text).not.toContain('secret.keeper');
    }
    expect(record.id).toBe(emailKeyFor(email));
  });

  it('refuses an expired code, and accepts the same flow when the code is fresh', async () => {
    const email = 'late@natter.test';
    const code = await requestCode(email);
    await authCodeDoc(email).update({ expiresAt: Timestamp.fromMillis(Date.now() - 1) });
    const error = await callError(verify(email, code), 'permission-denied');
    expect(error.details).toEqual({ reason: 'invalid-code' });
    expect((await authCodeDoc(email).get()).exists).toBe(false);

    const fresh = await requestAgain(email, '');
    await expect(verify(email, fresh)).resolves.toHaveProperty('token');
  });

  it('accepts a code once', async () => {
    const code = await requestCode('once@natter.test');
    await expect(verify('once@natter.test', code)).resolves.toHaveProperty('token');
    await callError(verify('once@natter.test', code), 'permission-denied');
  });

  it('voids the older code when a new one is requested', async () => {
    const email = 'twice@natter.test';
    const first = await requestCode(email);
    const second = await requestAgain(email, first);
    await callError(verify(email, first), 'permission-denied');
    await expect(verify(email, second)).resolves.toHaveProperty('token');
  });

  it('refuses the right code after 5 wrong ones and deletes it', async () => {
    const email = 'guesser@natter.test';
    const code = await requestCode(email);
    for (let i = 0; i < 5; i += 1) await callError(verify(email, wrongCode(code, i)), 'permission-denied');
    expect((await authCodeDoc(email).get()).exists).toBe(false);
    await callError(verify(email, code), 'permission-denied');
  });

  it('still accepts the right code after 4 wrong ones (the control for the lockout)', async () => {
    const email = 'typo@natter.test';
    const code = await requestCode(email);
    for (let i = 0; i < 4; i += 1) await callError(verify(email, wrongCode(code, i)), 'permission-denied');
    expect(authCodeSchema.parse((await authCodeDoc(email).get()).data()).attempts).toBe(4);
    await expect(verify(email, code)).resolves.toHaveProperty('token');
  });

  it('refuses a code presented for another address', async () => {
    const code = await requestCode('owner@natter.test');
    await callError(verify('someone.else@natter.test', code), 'permission-denied');
    await expect(verify('owner@natter.test', code)).resolves.toHaveProperty('token');
  });

  it("refuses another user's code", async () => {
    const mine = await requestCode('me@natter.test');
    let theirs = await requestCode('them@natter.test');
    while (theirs === mine) theirs = await requestAgain('them@natter.test', mine);
    await callError(verify('me@natter.test', theirs), 'permission-denied');
    await expect(verify('me@natter.test', mine)).resolves.toHaveProperty('token');
    await expect(verify('them@natter.test', theirs)).resolves.toHaveProperty('token');
  });

  it('caps wrong codes per address per hour across codes, with when to retry', async () => {
    const email = 'brute@natter.test';
    let code = await requestCode(email);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 5; i += 1) await callError(verify(email, wrongCode(code, i)), 'permission-denied');
      code = await requestAgain(email, code);
    }
    // Ten failures this hour: even the right code is refused until the oldest failure ages out.
    const error = await callError(verify(email, code), 'resource-exhausted');
    const details = error.details as { retryAfterSeconds: number; retryAt: string };
    expect(details.retryAfterSeconds).toBeGreaterThan(3_500);
    expect(details.retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(Date.parse(details.retryAt)).toBeGreaterThan(Date.now());
    expect((await authCodeDoc(email).get()).exists).toBe(true);
  });
});

describe('server-only records', () => {
  it('cannot be read by a signed-in client, who can read a profile (the control)', async () => {
    const email = 'curious@natter.test';
    await requestCode(email);
    const session = suite.track(await signedInClient('curious'));
    await expect(getDoc(doc(session.db, paths.authCode(emailKeyFor(email))))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDocs(query(collection(session.db, COLLECTIONS.rateLimits), limit(1)))).rejects.toMatchObject({ code: 'permission-denied' });
    await eventually(async () => (await adminDb.doc(paths.user('curious')).get()).data());
    expect((await getDoc(doc(session.db, paths.user('curious')))).data()).toMatchObject({ uid: 'curious', displayName: 'Natter user' });
  });
});

describe('email code delivery failures', () => {
  it('answers unavailable and leaves no code behind when the SMTP server refuses the message', async () => {
    const error = await callError(client().call('requestEmailCode', { email: 'smtp-reject@natter.test' }), 'unavailable');
    expect(error.message).toMatch(/could not send the email/);
    expect(await collectionSizes(COLLECTIONS.authCodes)).toEqual({ authCodes: 0 });
    // Control: a deliverable address leaves exactly one live code.
    await requestCode('deliverable@natter.test');
    expect(await collectionSizes(COLLECTIONS.authCodes)).toEqual({ authCodes: 1 });
  });
});
