import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getApps, initializeApp } from 'firebase-admin/app';
import { Timestamp, getFirestore } from 'firebase-admin/firestore';
import { COLLECTIONS, paths, rateLimitRecordSchema } from '@natter/model';
import { adminDb, clearAuth, clearFirestore } from '../../../tests/support/admin.ts';
import { callError } from '../../../tests/support/callables.ts';
import { anonymousClient, type ClientSession } from '../../../tests/support/clients.ts';
import { PROJECT_ID } from '../../../tests/support/env.ts';
import { Mailbox } from '../../../tests/support/mailbox.ts';
import { consume, consumeAll, rateLimitRef } from '../../src/ratelimit/limiter.ts';
import { purgeExpiredAuthRecords } from '../../src/auth/purgeExpiredRecords.ts';

const MINUTE = 60_000;

beforeEach(async () => {
  await clearFirestore();
});

describe('rate limiter on the Firestore emulator', () => {
  it('accepts exactly 5 of 100 concurrent calls from 5 instances against a limit of 5, then again once the window has passed', async () => {
    // Five Firestore clients stand for five function instances: each queues its own calls per key,
    // so the document transactions of different instances really contend.
    const instances = Array.from({ length: 5 }, (_, i) => {
      const app = getApps().find((a) => a.name === `limiter-${i}`) ?? initializeApp({ projectId: PROJECT_ID }, `limiter-${i}`);
      return getFirestore(app);
    });
    const limits = [{ max: 5, windowMs: MINUTE }];
    const t0 = Date.now();
    const burst = (nowMs: number, calls: number) =>
      Promise.all(Array.from({ length: calls }, (_, i) => consume('burst', limits, { firestore: instances[i % instances.length], nowMs })));

    const results = await burst(t0, 100);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    // Refused: limit reached (retry when the window ends) or, under heavy contention, fail-closed (retry in 1 s).
    for (const r of results) if (!r.allowed) expect([MINUTE, 1_000]).toContain(r.retryAfterMs);

    const record = rateLimitRecordSchema.parse((await rateLimitRef('burst', adminDb).get()).data());
    expect(record.hits).toEqual([t0, t0, t0, t0, t0]);
    expect(record.expiresAt.toMillis()).toBe(t0 + MINUTE);

    // Just before the window ends nothing fits; at its end the next burst again gets exactly 5.
    await expect(consume('burst', limits, { firestore: adminDb, nowMs: t0 + MINUTE - 1 })).resolves.toEqual({
      allowed: false,
      retryAfterMs: 1,
      key: 'burst',
    });
    expect((await burst(t0 + MINUTE, 20)).filter((r) => r.allowed)).toHaveLength(5);
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

describe('expired records', () => {
  it('are purged by expiresAt, live ones kept', async () => {
    const t0 = Date.now();
    await consume('old', [{ max: 1, windowMs: MINUTE }], { firestore: adminDb, nowMs: t0 - 2 * MINUTE });
    await consume('live', [{ max: 1, windowMs: MINUTE }], { firestore: adminDb, nowMs: t0 });
    const code = { codeHash: 'a'.repeat(64), attempts: 0, createdAt: Timestamp.fromMillis(t0) };
    await adminDb.doc(paths.authCode('expired')).set({ ...code, expiresAt: Timestamp.fromMillis(t0 - 1) });
    await adminDb.doc(paths.authCode('live')).set({ ...code, expiresAt: Timestamp.fromMillis(t0 + MINUTE) });

    await expect(purgeExpiredAuthRecords({ firestore: adminDb, nowMs: t0 })).resolves.toEqual({ authCodes: 1, rateLimits: 1 });
    expect((await rateLimitRef('old', adminDb).get()).exists).toBe(false);
    expect((await rateLimitRef('live', adminDb).get()).exists).toBe(true);
    expect((await adminDb.doc(paths.authCode('live')).get()).exists).toBe(true);
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
