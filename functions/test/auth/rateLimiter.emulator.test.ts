import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTIONS, rateLimitRecordSchema } from '@natter/model';
import { adminDb, clearAuth, clearFirestore } from '../../../tests/support/admin.ts';
import { callError } from '../../../tests/support/callables.ts';
import { anonymousClient, type ClientSession } from '../../../tests/support/clients.ts';
import { Mailbox } from '../../../tests/support/mailbox.ts';
import { consume, consumeAll, rateLimitRef } from '../../src/ratelimit/limiter.ts';

const MINUTE = 60_000;

beforeEach(async () => {
  await clearFirestore();
});

describe('rate limiter on the Firestore emulator', () => {
  it('accepts exactly 5 of 100 concurrent calls against a limit of 5, then again once the window has passed', async () => {
    const limits = [{ max: 5, windowMs: MINUTE }];
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 100 }, () => consume('burst', limits, { firestore: adminDb, nowMs: t0 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const r of results) if (!r.allowed) expect(r.retryAfterMs).toBe(MINUTE);

    const record = rateLimitRecordSchema.parse((await rateLimitRef('burst', adminDb).get()).data());
    expect(record.hits).toEqual([t0, t0, t0, t0, t0]);
    expect(record.expiresAt.toMillis()).toBe(t0 + MINUTE);

    // Just before the window ends nothing fits; at its end the next burst again gets exactly 5.
    await expect(consume('burst', limits, { firestore: adminDb, nowMs: t0 + MINUTE - 1 })).resolves.toEqual({
      allowed: false,
      retryAfterMs: 1,
      key: 'burst',
    });
    const later = await Promise.all(Array.from({ length: 20 }, () => consume('burst', limits, { firestore: adminDb, nowMs: t0 + MINUTE })));
    expect(later.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('counts a call against several buckets all or nothing', async () => {
    const one = [{ max: 1, windowMs: MINUTE }];
    const t0 = Date.now();
    await expect(consume('full', one, { firestore: adminDb, nowMs: t0 })).resolves.toEqual({ allowed: true });
    const both = [
      { key: 'fresh', limits: one },
      { key: 'full', limits: one },
    ];
    await expect(consumeAll(both, { firestore: adminDb, nowMs: t0 + 1 })).resolves.toMatchObject({ allowed: false, key: 'full' });
    // 'fresh' was not charged by the refused call: it still has its one call.
    await expect(consume('fresh', one, { firestore: adminDb, nowMs: t0 + 2 })).resolves.toEqual({ allowed: true });
  });

  it('keeps limiter records free of the keys they count (ids are hashes)', async () => {
    await consume('auth-ip:203.0.113.9', [{ max: 1, windowMs: MINUTE }], { firestore: adminDb });
    const docs = (await adminDb.collection(COLLECTIONS.rateLimits).get()).docs;
    expect(docs).toHaveLength(1);
    expect(JSON.stringify({ id: docs[0]?.id, data: docs[0]?.data() })).not.toContain('203.0.113.9');
  });
});

describe('auth callables are rate limited', () => {
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
    await clearAuth();
    mailbox.clear();
  });

  it('refuses a second email to one address within a minute, saying when to retry', async () => {
    await expect(session.call('requestEmailCode', { email: 'eager@natter.test' })).resolves.toEqual({ ok: true });
    const limited = await callError(session.call('requestEmailCode', { email: 'eager@natter.test' }), 'resource-exhausted');
    const details = limited.details as { retryAfterSeconds: number; retryAt: string };
    expect(details.retryAfterSeconds).toBeGreaterThan(50);
    expect(details.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(Math.abs(Date.parse(details.retryAt) - (Date.now() + details.retryAfterSeconds * 1000))).toBeLessThan(5_000);
    expect(mailbox.to('eager@natter.test')).toHaveLength(1);
    // Control: another address is not affected.
    await expect(session.call('requestEmailCode', { email: 'patient@natter.test' })).resolves.toEqual({ ok: true });
  });

  it('refuses the 21st auth call from one IP within an hour, whatever the address', async () => {
    for (let i = 0; i < 20; i += 1) {
      await expect(session.call('requestEmailCode', { email: `crowd${i}@natter.test` })).resolves.toEqual({ ok: true });
    }
    await callError(session.call('requestEmailCode', { email: 'crowd20@natter.test' }), 'resource-exhausted');
    await callError(session.call('verifyEmailCode', { email: 'crowd0@natter.test', code: '123456' }), 'resource-exhausted');
    expect(mailbox.messages).toHaveLength(20);
  });
});
