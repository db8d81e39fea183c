/**
 * The presence mirror: `onPresenceWritten` run through wrap() with constructed RTDB snapshots
 * (no Database emulator on these machines) against the real Firestore emulator, and the
 * last-seen privacy setting followed by the deployed `onAccountUpdated` trigger, firing for real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import functionsTest from 'firebase-functions-test';
import type { Timestamp } from 'firebase-admin/firestore';
import { Change } from 'firebase-functions/v2';
import { DataSnapshot } from 'firebase-functions/v2/database';
import { paths } from '@natter/model';
import { docWhen, firestore, seedUsers } from './support/messaging.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { PROJECT_ID } from '../../tests/support/env.ts';
import { onPresenceWritten } from '../src/presence/onPresenceWritten.ts';

const fft = functionsTest({ projectId: PROJECT_ID });
const wrapped = fft.wrap(onPresenceWritten);
let eventCount = 0;

beforeAll(async () => {
  await clearFirestore();
  await seedUsers(['pr-open', 'pr-private']);
  await seedUsers(['pr-hidden'], { settings: { lastSeen: 'nobody' } });
});

afterAll(() => {
  fft.cleanup();
});

function snap(uid: string, value: unknown): DataSnapshot {
  return new DataSnapshot(value, `status/${uid}`, undefined, `https://${PROJECT_ID}-default-rtdb.firebaseio.com`);
}

async function status(uid: string, after: unknown, before: unknown = null): Promise<void> {
  await (wrapped({ id: `evt-${++eventCount}`, params: { uid }, ref: `status/${uid}`, data: new Change(snap(uid, before), snap(uid, after)) }) as Promise<void>);
}

async function profile(uid: string) {
  return (await firestore.doc(paths.user(uid)).get()).data() as { online: boolean; lastSeenAt: Timestamp | null } | undefined;
}

describe('presence mirrored from /status/{uid}', () => {
  it('shows online, then offline with the time last seen', async () => {
    await status('pr-open', { state: 'online', lastChanged: 10_000 });
    expect(await profile('pr-open')).toMatchObject({ online: true });
    await status('pr-open', { state: 'offline', lastChanged: 20_000 }, { state: 'online', lastChanged: 10_000 });
    const shown = await profile('pr-open');
    expect(shown?.online).toBe(false);
    expect(shown?.lastSeenAt?.toMillis()).toBe(20_000);
  });

  it('never exposes last seen, nor online, for a user whose setting is nobody (its flip would tell last seen)', async () => {
    await status('pr-hidden', { state: 'online', lastChanged: 10_000 });
    expect(await profile('pr-hidden')).toEqual(expect.objectContaining({ online: false, lastSeenAt: null }));
    await status('pr-hidden', { state: 'offline', lastChanged: 20_000 });
    expect(await profile('pr-hidden')).toEqual(expect.objectContaining({ online: false, lastSeenAt: null }));
  });

  it('ignores malformed or removed statuses and never creates a profile', async () => {
    const before = await profile('pr-open');
    await status('pr-open', { state: 'away', lastChanged: 99_000 });
    await status('pr-open', null, { state: 'offline', lastChanged: 20_000 });
    await status('pr-open', { state: 'online', lastChanged: 99_000, extra: true });
    expect(await profile('pr-open')).toEqual(before);
    await status('pr-nobody', { state: 'online', lastChanged: 1 });
    expect(await profile('pr-nobody')).toBeUndefined();
  });
});

describe('the last-seen setting, followed by the deployed onAccountUpdated trigger', () => {
  it('hides last seen as soon as the owner chooses nobody, and shows it again for everyone', async () => {
    await status('pr-private', { state: 'offline', lastChanged: 30_000 });
    expect((await profile('pr-private'))?.lastSeenAt?.toMillis()).toBe(30_000);

    await firestore.doc(paths.account('pr-private')).update({ 'settings.lastSeen': 'nobody' });
    await docWhen(paths.user('pr-private'), (data) => data.lastSeenAt === null);

    await firestore.doc(paths.account('pr-private')).update({ 'settings.lastSeen': 'everyone' });
    const back = await docWhen(paths.user('pr-private'), (data) => data.lastSeenAt !== null);
    expect((back.lastSeenAt as Timestamp).toMillis()).toBe(30_000);
  });

  it('hides online too while the owner is there, and shows it again for everyone', async () => {
    await status('pr-private', { state: 'online', lastChanged: 40_000 }, { state: 'offline', lastChanged: 30_000 });
    expect(await profile('pr-private')).toEqual(expect.objectContaining({ online: true }));

    await firestore.doc(paths.account('pr-private')).update({ 'settings.lastSeen': 'nobody' });
    await docWhen(paths.user('pr-private'), (data) => data.online === false && data.lastSeenAt === null);

    await firestore.doc(paths.account('pr-private')).update({ 'settings.lastSeen': 'everyone' });
    const back = await docWhen(paths.user('pr-private'), (data) => data.online === true);
    expect((back.lastSeenAt as Timestamp).toMillis()).toBe(40_000);
  });
});
