/**
 * What the report trigger does with what clients file: a target naming an id Firestore reserves
 * is recorded as unavailable evidence (never a crash the trigger's retries would repeat forever),
 * and a reporter over REPORT_RATE_LIMITS gets the extra reports dismissed without any evidence read.
 * The trigger's handler is also run directly for each report (it is idempotent, so whichever run
 * comes first decides), which keeps the test independent of trigger start-up on a loaded machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDoc, collection, serverTimestamp } from 'firebase/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import { REPORT_RATE_LIMITS, evidenceSchema, paths } from '@natter/model';
import { captureEvidence } from '../src/moderation/captureEvidence.ts';
import { adminDb, clearAuth, clearFirestore, eventually } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { seedUser } from '../../tests/support/natterData.ts';

let reporter: ClientSession;

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  await Promise.all(['ri-reporter', 'ri-target'].map((uid) => seedUser(uid)));
  reporter = await signedInClient('ri-reporter');
});

afterAll(async () => {
  await reporter.close();
});

async function evidenceOf(reportId: string) {
  await captureEvidence({ reportId, eventId: `direct-${reportId}` }, adminDb);
  return eventually(async () => {
    const data = (await adminDb.doc(paths.report(reportId)).get()).data();
    return data?.evidence ? { status: data.status as unknown, evidence: evidenceSchema.parse(data.evidence) } : undefined;
  });
}

describe('the report trigger and bad targets', () => {
  it('records a reserved message id as unavailable evidence instead of throwing', async () => {
    // Written with the Admin SDK: the rules refuse this target, the trigger must not trust them alone.
    const base = { reporterId: 'ri-target', reason: 'abuse', status: 'open', createdAt: Timestamp.now() };
    await adminDb.doc(paths.report('ri-reserved')).set({ ...base, target: { type: 'message', chatId: 'c1', messageId: '__x__' } });
    await adminDb.doc(paths.report('ri-reserved-chat')).set({ ...base, target: { type: 'message', chatId: '__x__', messageId: 'm1' } });
    // Control: a well-formed target that does not exist is captured as "does not exist".
    await adminDb.doc(paths.report('ri-control')).set({ ...base, target: { type: 'message', chatId: 'c1', messageId: 'm1' } });
    for (const id of ['ri-reserved', 'ri-reserved-chat']) {
      expect((await evidenceOf(id)).evidence).toMatchObject({ available: false, unavailableReason: 'the report target is malformed' });
    }
    expect((await evidenceOf('ri-control')).evidence).toMatchObject({ available: false, unavailableReason: 'the chat does not exist' });
  });
});

describe('the report rate limit', () => {
  it(`captures the first ${REPORT_RATE_LIMITS[0].max} reports of a minute and dismisses the next unread`, async () => {
    const perMinute = REPORT_RATE_LIMITS[0].max;
    const ids: string[] = [];
    for (let i = 0; i <= perMinute; i++) {
      const ref = await addDoc(collection(reporter.db, 'reports'), {
        reporterId: 'ri-reporter',
        target: { type: 'user', uid: 'ri-target' },
        reason: `report ${i}`,
        status: 'open',
        createdAt: serverTimestamp(),
      });
      ids.push(ref.id);
    }
    const outcomes = [];
    for (const id of ids) outcomes.push(await evidenceOf(id));
    const captured = outcomes.filter((o) => o.status === 'open' && o.evidence.available);
    const dismissed = outcomes.filter((o) => o.status === 'dismissed');
    expect(captured).toHaveLength(perMinute);
    expect(dismissed).toHaveLength(1);
    expect(dismissed[0]?.evidence).toMatchObject({ available: false, unavailableReason: 'the reporter filed too many reports', profile: null });
  });
});
