/**
 * A burst of sign-ups: the Functions emulator starts one runtime per concurrent `onUserCreated`
 * event, and each runtime must load its function within the emulator's 30 s. When every runtime
 * evaluated every function's code, 60 of them at once on two cores timed out (`Failed to load
 * function`): those users never got a profile, and a callable made meanwhile timed out too.
 * With per-function loading each runtime evaluates only its own function.
 *
 * What remains per runtime is the emulator's own start-up (express, firebase-admin and all of
 * firebase-functions, loaded by firebase-tools' runtime before any of Natter's code), so whether
 * 60 fit in 30 s also depends on how busy the machine is. Measured on the shared two cores at a
 * load average of about 40: per-function loading passed (60 sign-ups in 24 s, no load failure),
 * the eager bundle failed (40 runtimes failed to load, sign-ups timed out); when other suites
 * saturate the cores (load average 100+) even per-function loading misses the 30 s. So the test
 * runs on request (NATTER_BURST_TEST=1), and says so when skipped.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directChatId, paths } from '@natter/model';
import { adminAuth, adminDb, clearAuth, clearFirestore, eventually } from '../../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../../tests/support/clients.ts';
import { describeWhen } from '../../../tests/support/skip.ts';
import { seedUsers } from '../support/messaging.ts';

const BURST = 60;
const newUids = Array.from({ length: BURST }, (_, i) => `burst-${String(i).padStart(2, '0')}`);

const requested = process.env.NATTER_BURST_TEST === '1' ? null : 'runs only with NATTER_BURST_TEST=1, on a machine other emulator suites do not saturate (see the file)';

async function missingDocs(): Promise<string[]> {
  const refs = newUids.flatMap((uid) => [adminDb.doc(paths.user(uid)), adminDb.doc(paths.account(uid))]);
  const snaps = await adminDb.getAll(...refs);
  return snaps.filter((snap) => !snap.exists).map((snap) => snap.ref.path);
}

describeWhen(requested, 'a burst of sign-ups', () => {
  let caller: ClientSession;

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    caller = await signedInClient('burst-caller');
    await seedUsers(['burst-caller', 'burst-friend']);
  });

  afterAll(async () => {
    await caller.close();
  });

  it(`gives all ${BURST} new users their documents while a callable made meanwhile answers`, async () => {
    const signUps = Promise.all(newUids.map((uid) => adminAuth.createUser({ uid, email: `${uid}@natter.test` })));
    // The callable goes out while the emulator is starting the sign-up runtimes.
    const opened = caller.call<{ chatId: string }>('openDirectChat', { otherUid: 'burst-friend' });
    await signUps;
    expect(await opened).toEqual({ chatId: directChatId('burst-caller', 'burst-friend') });
    // A runtime that failed to load never runs its event, so its user's documents never appear.
    const missing = await eventually(async () => {
      const left = await missingDocs();
      return left.length === 0 ? left : undefined;
    }, { timeoutMs: 100_000, intervalMs: 1_000 }).catch(async () => missingDocs());
    expect(missing).toEqual([]);
  }, 180_000);
});
