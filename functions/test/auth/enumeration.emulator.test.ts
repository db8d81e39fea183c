/**
 * No enumeration: for every public auth callable, an address with an account and one without get
 * the same status and body, first time and when rate limited, and both get exactly one email.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FunctionsError } from 'firebase/functions';
import { adminAuth, clearAuth, clearFirestore } from '../../../tests/support/admin.ts';
import { anonymousClient, type ClientSession } from '../../../tests/support/clients.ts';
import { DEV_PORTS } from '../../../tests/support/env.ts';
import { Mailbox } from '../../../tests/support/mailbox.ts';

const KNOWN = 'known@natter.test';
const UNKNOWN = 'unknown@natter.test';

let mailbox: Mailbox;
let session: ClientSession;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  session = anonymousClient();
});
afterAll(async () => {
  await session.close();
  await mailbox.close();
});
beforeEach(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  await adminAuth.createUser({ email: KNOWN, password: 'known-password', emailVerified: true });
  mailbox.clear();
});

/** What a caller can observe about one call: status, body (digits masked: retry seconds tick), time. */
async function observe(name: string, data: Record<string, unknown>) {
  const started = performance.now();
  try {
    const result = await session.call(name, data);
    return { outcome: { status: 'ok', body: result }, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof FunctionsError)) throw error;
    const details = error.details as Record<string, unknown> | undefined;
    return {
      outcome: { status: error.code, message: error.message.replace(/\d+/g, 'N'), detailKeys: Object.keys(details ?? {}).sort() },
      ms: performance.now() - started,
    };
  }
}

const flows: [string, (email: string) => Record<string, unknown>][] = [
  ['requestEmailCode', (email) => ({ email })],
  ['sendSignInLink', (email) => ({ email, continueUrl: `http://localhost:${DEV_PORTS.web}/` })],
  ['sendPasswordReset', (email) => ({ email })],
];

describe('known and unknown addresses are indistinguishable', () => {
  it.each(flows)('%s: same first answer, same rate-limited answer, one email each', async (name, input) => {
    // Warm the function up first, so the timings below compare the two addresses, not a cold start.
    await observe(name, input('warm.up@natter.test'));
    const first = [await observe(name, input(KNOWN)), await observe(name, input(UNKNOWN))];
    expect(first[0]?.outcome).toEqual({ status: 'ok', body: { ok: true } });
    expect(first[1]?.outcome).toEqual(first[0]?.outcome);

    const again = [await observe(name, input(KNOWN)), await observe(name, input(UNKNOWN))];
    expect(again[0]?.outcome).toEqual({ status: 'functions/resource-exhausted', message: 'Too many attempts. Try again in N s. [N]', detailKeys: ['retryAfterSeconds', 'retryAt'] });
    expect(again[1]?.outcome).toEqual(again[0]?.outcome);

    expect([mailbox.to(KNOWN).length, mailbox.to(UNKNOWN).length]).toEqual([1, 1]);
    // Reported, not asserted: one call each on a shared machine is too noisy for a threshold.
    console.log(`${name}: known ${first[0]?.ms.toFixed(0)} ms, unknown ${first[1]?.ms.toFixed(0)} ms (warm)`);
  });

  it('verifyEmailCode: a wrong code gets the same refusal with and without an account or a live code', async () => {
    await session.call('requestEmailCode', { email: KNOWN });
    const known = await observe('verifyEmailCode', { email: KNOWN, code: '000000' });
    const unknown = await observe('verifyEmailCode', { email: UNKNOWN, code: '000000' });
    expect(known.outcome).toEqual({ status: 'functions/permission-denied', message: expect.any(String) as unknown, detailKeys: ['reason'] });
    expect(unknown.outcome).toEqual(known.outcome);
  });
});
