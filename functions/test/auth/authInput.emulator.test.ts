/**
 * Bad input on every auth callable: a clear `invalid-argument` naming the field (never `internal`),
 * and nothing written or mailed. Each row's control is the well-formed call in the same table.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '@natter/model';
import { clearAuth, clearFirestore } from '../../../tests/support/admin.ts';
import { collectionSizes } from '../../../tests/support/authRecords.ts';
import { callError } from '../../../tests/support/callables.ts';
import { anonymousClient, signedInClient, type ClientSession } from '../../../tests/support/clients.ts';
import { DEV_PORTS } from '../../../tests/support/env.ts';
import { Mailbox } from '../../../tests/support/mailbox.ts';

const APP = `http://localhost:${DEV_PORTS.web}/`;
const LONG_EMAIL = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.test`;

let mailbox: Mailbox;
let anonymous: ClientSession;
let signedIn: ClientSession;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  anonymous = anonymousClient();
});
afterAll(async () => {
  await Promise.all([anonymous.close(), signedIn.close()]);
  await mailbox.close();
});
beforeEach(async () => {
  await clearFirestore();
  mailbox.clear();
});

type Row = [callable: string, input: unknown, field: string];

const rows: Row[] = [
  ['requestEmailCode', {}, 'email'],
  ['requestEmailCode', { email: 42 }, 'email'],
  ['requestEmailCode', { email: 'not-an-email' }, 'email'],
  ['requestEmailCode', { email: LONG_EMAIL }, 'email'],
  ['requestEmailCode', { email: 'a@natter.test', admin: true }, 'admin'],
  ['requestEmailCode', ['a@natter.test'], '(root)'],
  ['verifyEmailCode', { email: 'a@natter.test' }, 'code'],
  ['verifyEmailCode', { email: 'a@natter.test', code: 123456 }, 'code'],
  ['verifyEmailCode', { email: 'a@natter.test', code: '12345' }, 'code'],
  ['verifyEmailCode', { email: 'a@natter.test', code: '1234567' }, 'code'],
  ['verifyEmailCode', { email: 'a@natter.test', code: '12a456' }, 'code'],
  ['verifyEmailCode', { email: 'a@@natter.test', code: '123456' }, 'email'],
  ['verifyEmailCode', { email: 'a@natter.test', code: '123456', uid: 'x' }, 'uid'],
  ['sendSignInLink', { email: 'a@natter.test' }, 'continueUrl'],
  ['sendSignInLink', { email: 'a@natter.test', continueUrl: 'javascript:alert(1)' }, 'continueUrl'],
  ['sendSignInLink', { email: 'a@natter.test', continueUrl: `${APP}${'x'.repeat(2100)}` }, 'continueUrl'],
  ['sendSignInLink', { email: 'a@natter.test', continueUrl: 'https://evil.test/' }, 'continueUrl'],
  ['sendSignInLink', { email: null, continueUrl: APP }, 'email'],
  ['sendSignInLink', { email: 'a@natter.test', continueUrl: APP, handleCodeInApp: false }, 'handleCodeInApp'],
  ['sendPasswordReset', {}, 'email'],
  ['sendPasswordReset', { email: ['a@natter.test'] }, 'email'],
  ['sendPasswordReset', { email: 'a@natter.test', newPassword: 'x' }, 'newPassword'],
  ['sendVerificationEmail', { continueUrl: APP }, 'continueUrl'],
];

describe('auth callables reject bad input', () => {
  beforeAll(async () => {
    await clearAuth();
    signedIn = await signedInClient('input-tester');
  });

  it.each(rows)('%s(%j) -> invalid-argument naming %s, nothing written or mailed', async (callable, input, field) => {
    const caller = callable === 'sendVerificationEmail' ? signedIn : anonymous;
    const error = await callError(caller.call(callable, input), 'invalid-argument');
    expect(error.message).toContain(`'${field}'`);
    const fields = (error.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields.join(', ')).toContain(field);
    expect(await collectionSizes(COLLECTIONS.authCodes, COLLECTIONS.rateLimits)).toEqual({ authCodes: 0, rateLimits: 0 });
    expect(mailbox.messages).toEqual([]);
  });

  it.each([
    ['requestEmailCode', { email: 'control@natter.test' }],
    ['sendSignInLink', { email: 'control@natter.test', continueUrl: APP }],
  ])('the well-formed %s call passes and does write and mail (the control)', async (callable, input) => {
    await expect(anonymous.call(callable, input)).resolves.toEqual({ ok: true });
    expect(mailbox.messages).toHaveLength(1);
    expect((await collectionSizes(COLLECTIONS.rateLimits)).rateLimits).toBeGreaterThan(0);
  });
});
