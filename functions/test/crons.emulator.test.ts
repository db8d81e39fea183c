/**
 * Every cron on seeded data, run by calling its handler (small pages, so paging and the cursor
 * are exercised) and once through the Functions emulator's trigger endpoint. Each test checks
 * that exactly the right documents changed, that nothing else did, that a second run changes
 * nothing, and that a run that dies half-way resumes without redoing a page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Timestamp, type DocumentReference } from 'firebase-admin/firestore';
import { COLLECTIONS, DEVICE_STALE_AFTER_MS, dailyStatsSchema, paths } from '@natter/model';
import { adminDb, clearFirestore, eventually } from '../../tests/support/admin.ts';
import { PROJECT_ID, REGION, emulatorPort } from '../../tests/support/env.ts';
import { describeWhen, missingEmulator } from '../../tests/support/skip.ts';
import { handleMarkStalePresenceOffline } from '../src/crons/markStalePresenceOffline.ts';
import { handlePruneStaleDevices } from '../src/crons/pruneStaleDevices.ts';
import { handlePurgeExpiredAuthRecords } from '../src/crons/purgeExpiredAuthRecords.ts';
import { handlePurgeExpiredMessages } from '../src/crons/purgeExpiredMessages.ts';
import { handleRemoveOrphanedMedia, ORPHAN_GRACE_MS } from '../src/crons/removeOrphanedMedia.ts';
import { handleRollDailyStats } from '../src/crons/rollDailyStats.ts';
import { defaultMediaStore, type MediaStore, type StoredObject } from '../src/lib/media.ts';
import type { PresenceReader } from '../src/notifications/presence.ts';
import { seedUser, uniqueId } from './fixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ts = (ms: number) => Timestamp.fromMillis(ms);

/** Collections the crons keep their own state in, or that other workers write meanwhile. */
const BOOKKEEPING = new Set<string>([COLLECTIONS.jobs, COLLECTIONS.pushOutbox, COLLECTIONS.deadLetters]);

/** Every document outside the bookkeeping collections, as path -> JSON. */
async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(refs: DocumentReference[]) {
    for (const ref of refs) {
      const snap = await ref.get();
      if (snap.exists) out.set(ref.path, JSON.stringify(snap.data()));
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  }
  for (const collection of await adminDb.listCollections()) {
    if (!BOOKKEEPING.has(collection.id)) await walk(await collection.listDocuments());
  }
  return out;
}

/** What changed between two snapshots: removed, added and modified paths. */
function diff(before: Map<string, string>, after: Map<string, string>) {
  const removed = [...before.keys()].filter((p) => !after.has(p)).sort();
  // No cron creates a user. A brand-new `users/{uid}` tree is onUserCreated catching up on Auth
  // users an earlier test file made (all files share the emulator's trigger queue): not ours.
  const lateProfile = (p: string) => /^users\/[^/]+(\/private\/account)?$/.test(p) && !before.has(p.split('/').slice(0, 2).join('/'));
  const added = [...after.keys()].filter((p) => !before.has(p) && !lateProfile(p)).sort();
  const modified = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p)).sort();
  return { removed, added, modified };
}

/** An in-memory bucket standing in for Storage, which cannot run on this machine. */
class MemoryMediaStore implements MediaStore {
  readonly deleted: string[] = [];
  private readonly objects: Map<string, number>;

  constructor(objects: Map<string, number>) {
    this.objects = objects;
  }
  delete(path: string): Promise<void> {
    if (this.objects.delete(path)) this.deleted.push(path);
    return Promise.resolve();
  }
  list({ prefix, after, limit }: { prefix: string; after: string | null; limit: number }): Promise<StoredObject[]> {
    const names = [...this.objects.keys()].filter((n) => n.startsWith(prefix) && (after === null || n > after)).sort();
    return Promise.resolve(names.slice(0, limit).map((name) => ({ name, createdAtMs: this.objects.get(name) ?? 0 })));
  }
}

class Crash extends Error {}
const crashAfterFirstPage = (pages: number) => (pages === 1 ? Promise.reject(new Crash('simulated crash')) : Promise.resolve());

beforeEach(async () => {
  await clearFirestore();
});

/** Messages numbered by the previous design's trigger, which the current one leaves alone (so it makes no changes of its own). */
async function seedMessage(chatId: string, id: string, fields: Record<string, unknown>) {
  await adminDb.doc(paths.message(chatId, id)).set({ senderId: 'ana', type: 'text', text: id, createdAt: Timestamp.now(), seq: 1, ...fields });
}

describe('purgeExpiredMessages', () => {
  async function seed(now: number) {
    await seedMessage('vanishing', 'old-1', { expiresAt: ts(now - 2 * HOUR) });
    await seedMessage('vanishing', 'old-2', { expiresAt: ts(now - HOUR), type: 'image', media: { path: 'chats/vanishing/old-2/p.jpg', contentType: 'image/jpeg', size: 10, name: 'p.jpg' } });
    await seedMessage('vanishing', 'old-3', { expiresAt: ts(now - MIN) });
    await seedMessage('vanishing', 'young', { expiresAt: ts(now + HOUR) });
    await seedMessage('plain', 'kept', {});
  }

  it('deletes expired messages and their media, pages through, and a second run is a no-op', async () => {
    const now = Date.now();
    await seed(now);
    const media = new MemoryMediaStore(new Map([['chats/vanishing/old-2/p.jpg', now - 2 * HOUR], ['chats/plain/kept/q.jpg', now - 2 * HOUR]]));
    const before = await snapshot();

    const first = await handlePurgeExpiredMessages({ eventId: 'test-1' }, { media, pageSize: 2, now: () => now });
    expect(first).toMatchObject({ kind: 'finished', pages: 2, counts: { messagesDeleted: 3, mediaDeleted: 1, mediaSkipped: 0 } });
    expect(diff(before, await snapshot())).toEqual({
      removed: ['chats/vanishing/messages/old-1', 'chats/vanishing/messages/old-2', 'chats/vanishing/messages/old-3'],
      added: [],
      modified: [],
    });
    expect(media.deleted).toEqual(['chats/vanishing/old-2/p.jpg']);

    const between = await snapshot();
    const second = await handlePurgeExpiredMessages({ eventId: 'test-2' }, { media, pageSize: 2, now: () => now });
    expect(second).toMatchObject({ kind: 'finished', counts: { messagesDeleted: 0, mediaDeleted: 0 } });
    expect(diff(between, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });

  it('without Storage deletes the documents and counts the media as skipped', async () => {
    const now = Date.now();
    await seed(now);
    const result = await handlePurgeExpiredMessages({ eventId: 'no-storage' }, { media: null, now: () => now });
    expect(result).toMatchObject({ kind: 'finished', counts: { messagesDeleted: 3, mediaDeleted: 0, mediaSkipped: 1 } });
  });

  it('resumes after a crash exactly where the last committed page ended', async () => {
    const now = Date.now();
    const objects = new Map<string, number>();
    for (let i = 0; i < 5; i += 1) {
      const path = `chats/vanishing/m${i}/f.jpg`;
      objects.set(path, now - HOUR);
      await seedMessage('vanishing', `m${i}`, { expiresAt: ts(now - (10 - i) * MIN), type: 'image', media: { path, contentType: 'image/jpeg', size: 1, name: 'f.jpg' } });
    }
    const media = new MemoryMediaStore(objects);
    await expect(handlePurgeExpiredMessages({ eventId: 'crash' }, { media, pageSize: 2, now: () => now, afterPage: crashAfterFirstPage })).rejects.toThrow('simulated crash');
    expect((await adminDb.collection(paths.messages('vanishing')).get()).size).toBe(3);

    // A run while the dead run's lease is live stands aside; after it lapses, the next resumes.
    expect(await handlePurgeExpiredMessages({ eventId: 'early' }, { media, pageSize: 2, now: () => now })).toEqual({ kind: 'busy' });
    const resumed = await handlePurgeExpiredMessages({ eventId: 'resume' }, { media, pageSize: 2, now: () => now + 10 * MIN });
    expect(resumed).toMatchObject({ kind: 'finished', resumed: true, counts: { messagesDeleted: 5, mediaDeleted: 5 } });
    expect((await adminDb.collection(paths.messages('vanishing')).get()).size).toBe(0);
    expect(media.deleted).toHaveLength(5);
    expect(new Set(media.deleted).size).toBe(5);
  });
});

describe('pruneStaleDevices', () => {
  it('deletes push tokens not refreshed for 60 days across users, keeps fresh ones, and a second run is a no-op', async () => {
    const now = Date.now();
    const device = (updatedAtMs: number) => ({ token: `t-${updatedAtMs}`, platform: 'web', updatedAt: ts(updatedAtMs) });
    await Promise.all([
      adminDb.doc(paths.device('u-1', 'old-phone')).set(device(now - DEVICE_STALE_AFTER_MS - HOUR)),
      adminDb.doc(paths.device('u-1', 'laptop')).set(device(now - DEVICE_STALE_AFTER_MS + HOUR)),
      adminDb.doc(paths.device('u-2', 'tablet')).set(device(now - DEVICE_STALE_AFTER_MS - 1)),
      adminDb.doc(paths.device('u-3', 'ancient')).set(device(now - 3 * DEVICE_STALE_AFTER_MS)),
      adminDb.doc(paths.device('u-3', 'phone')).set(device(now - MIN)),
    ]);
    const before = await snapshot();
    const first = await handlePruneStaleDevices({ eventId: 'devices-1' }, { pageSize: 2, now: () => now });
    expect(first).toMatchObject({ kind: 'finished', counts: { devicesDeleted: 3 } });
    expect(diff(before, await snapshot())).toEqual({
      removed: ['users/u-1/devices/old-phone', 'users/u-2/devices/tablet', 'users/u-3/devices/ancient'],
      added: [],
      modified: [],
    });
    const between = await snapshot();
    expect(await handlePruneStaleDevices({ eventId: 'devices-2' }, { pageSize: 2, now: () => now })).toMatchObject({ kind: 'finished', counts: { devicesDeleted: 0 } });
    expect(diff(between, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });
});

describe('purgeExpiredAuthRecords', () => {
  it('deletes expired codes and limiter records only, and a second run is a no-op', async () => {
    const now = Date.now();
    await Promise.all([
      adminDb.doc(paths.authCode('h-old-1')).set({ codeHash: 'x', expiresAt: ts(now - HOUR) }),
      adminDb.doc(paths.authCode('h-old-2')).set({ codeHash: 'x', expiresAt: ts(now - 1) }),
      adminDb.doc(paths.authCode('h-live')).set({ codeHash: 'x', expiresAt: ts(now + 10 * MIN) }),
      adminDb.doc(paths.rateLimit('ip-1')).set({ count: 3, expiresAt: ts(now - HOUR) }),
      adminDb.doc(paths.rateLimit('ip-2')).set({ count: 3, expiresAt: ts(now - 2 * HOUR) }),
      adminDb.doc(paths.rateLimit('ip-3')).set({ count: 3, expiresAt: ts(now - 3 * HOUR) }),
      adminDb.doc(paths.rateLimit('ip-live')).set({ count: 1, expiresAt: ts(now + HOUR) }),
      adminDb.doc(paths.rateLimit('no-expiry')).set({ count: 1 }),
    ]);
    const before = await snapshot();
    const first = await handlePurgeExpiredAuthRecords({ eventId: 'auth-1' }, { pageSize: 2, now: () => now });
    expect(first).toMatchObject({ kind: 'finished', counts: { authCodesDeleted: 2, rateLimitsDeleted: 3 } });
    expect(diff(before, await snapshot())).toEqual({
      removed: ['authCodes/h-old-1', 'authCodes/h-old-2', 'rateLimits/ip-1', 'rateLimits/ip-2', 'rateLimits/ip-3'],
      added: [],
      modified: [],
    });
    const between = await snapshot();
    expect(await handlePurgeExpiredAuthRecords({ eventId: 'auth-2' }, { pageSize: 2, now: () => now })).toMatchObject({
      kind: 'finished',
      counts: { authCodesDeleted: 0, rateLimitsDeleted: 0 },
    });
    expect(diff(between, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });

  it('runs through the Functions emulator trigger endpoint too', async () => {
    await adminDb.doc(paths.authCode('h-emulated')).set({ codeHash: 'x', expiresAt: ts(Date.now() - HOUR) });
    await adminDb.doc(paths.authCode('h-emulated-live')).set({ codeHash: 'x', expiresAt: ts(Date.now() + HOUR) });
    const url = `http://127.0.0.1:${emulatorPort('functions')}/functions/projects/${PROJECT_ID}/triggers/${REGION}-purgeExpiredAuthRecords-0`;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.ok).toBe(true);
    await eventually(async () => ((await adminDb.doc(paths.authCode('h-emulated')).get()).exists ? undefined : true));
    expect((await adminDb.doc(paths.authCode('h-emulated-live')).get()).exists).toBe(true);
  });
});

describe('markStalePresenceOffline', () => {
  it('marks stale online users offline, leaves fresh, offline and presence-confirmed users alone', async () => {
    const now = Date.now();
    await Promise.all([
      seedUser('stale', { online: true, lastSeenAt: ts(now - HOUR) }),
      seedUser('hidden', { online: true, lastSeenAt: null }),
      seedUser('fresh', { online: true, lastSeenAt: ts(now - MIN) }),
      seedUser('away', { online: false, lastSeenAt: ts(now - 5 * HOUR) }),
      seedUser('connected', { online: true, lastSeenAt: ts(now - 2 * HOUR) }),
      seedUser('stale2', { online: true, lastSeenAt: ts(now - 3 * HOUR) }),
    ]);
    const presence: PresenceReader = {
      viewing: () => Promise.resolve(new Set()),
      online: (uids) => Promise.resolve(new Set(uids.filter((uid) => uid === 'connected'))),
    };
    const before = await snapshot();
    const first = await handleMarkStalePresenceOffline({ eventId: 'p-1' }, { presence, pageSize: 2, now: () => now });
    expect(first).toMatchObject({ kind: 'finished', counts: { usersScanned: 5, markedOffline: 3 } });
    const changes = diff(before, await snapshot());
    expect(changes).toEqual({ removed: [], added: [], modified: ['users/hidden', 'users/stale', 'users/stale2'] });
    for (const uid of ['hidden', 'stale', 'stale2']) {
      const user = (await adminDb.doc(paths.user(uid)).get()).data();
      expect(user?.online).toBe(false);
      // Nothing but `online` changed.
      expect(JSON.parse(JSON.stringify({ ...user, online: true }))).toEqual(JSON.parse(before.get(paths.user(uid)) ?? '{}'));
    }
    const between = await snapshot();
    expect(await handleMarkStalePresenceOffline({ eventId: 'p-2' }, { presence, pageSize: 2, now: () => now })).toMatchObject({
      kind: 'finished',
      counts: { markedOffline: 0 },
    });
    expect(diff(between, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });
});

describe('rollDailyStats', () => {
  const NOW = Date.parse('2031-01-10T00:30:00Z');
  const at = (iso: string) => ts(Date.parse(iso));

  async function seedDay() {
    const messages: [string, string, Record<string, unknown>][] = [
      ['c1', 'd9-1', { senderId: 'ana', createdAt: at('2031-01-09T08:00:00Z') }],
      ['c1', 'd9-2', { senderId: 'ben', createdAt: at('2031-01-09T09:00:00Z') }],
      ['c2', 'd9-3', { senderId: 'ana', createdAt: at('2031-01-09T10:00:00Z') }],
      ['c2', 'd9-4', { senderId: 'cai', createdAt: at('2031-01-09T23:59:59Z') }],
      ['c2', 'd9-5', { senderId: 'dev', type: 'system', createdAt: at('2031-01-09T12:00:00Z') }],
      ['c1', 'd8-1', { senderId: 'eve', createdAt: at('2031-01-08T12:00:00Z') }],
      ['c1', 'd10-1', { senderId: 'fay', createdAt: at('2031-01-10T00:00:00Z') }],
    ];
    for (const [chatId, id, fields] of messages) await seedMessage(chatId, id, fields);
    await Promise.all([
      seedUser('new-1', { createdAt: at('2031-01-09T01:00:00Z') }),
      seedUser('new-2', { createdAt: at('2031-01-09T20:00:00Z') }),
      seedUser('older', { createdAt: at('2031-01-02T01:00:00Z') }),
      adminDb.doc(paths.chat('c1')).set({ createdAt: at('2031-01-09T07:00:00Z') }),
      adminDb.doc(paths.chat('c2')).set({ createdAt: at('2031-01-05T07:00:00Z') }),
    ]);
  }

  async function stats(day: string) {
    const snap = await adminDb.doc(paths.dailyStats(day)).get();
    return snap.exists ? dailyStatsSchema.parse(snap.data()) : null;
  }

  it('rolls each missing day of the last three into stats/{day}, and a second run is a no-op', async () => {
    await seedDay();
    const before = await snapshot();
    const results = await handleRollDailyStats({ eventId: 'stats-1' }, { pageSize: 2, now: () => NOW });
    expect(results.map((r) => r.kind)).toEqual(['finished', 'finished', 'finished', 'nothing-to-do']);

    expect(await stats('2031-01-09')).toMatchObject({ day: '2031-01-09', messages: 5, activeUsers: 3, newUsers: 2, newChats: 1 });
    expect(await stats('2031-01-08')).toMatchObject({ messages: 1, activeUsers: 1, newUsers: 0, newChats: 0 });
    expect(await stats('2031-01-07')).toMatchObject({ messages: 0, activeUsers: 0, newUsers: 0, newChats: 0 });
    expect(await stats('2031-01-10')).toBeNull();
    expect(diff(before, await snapshot())).toEqual({ removed: [], added: ['stats/2031-01-07', 'stats/2031-01-08', 'stats/2031-01-09'], modified: [] });

    const between = await snapshot();
    expect((await handleRollDailyStats({ eventId: 'stats-2' }, { pageSize: 2, now: () => NOW })).map((r) => r.kind)).toEqual(['nothing-to-do']);
    expect(diff(between, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });

  it('counts every message exactly once across a crash and a resumed run', async () => {
    await seedDay();
    // Days before the one under test already rolled, so the run is about 2031-01-09 alone.
    for (const day of ['2031-01-07', '2031-01-08']) {
      await adminDb.doc(paths.dailyStats(day)).set({ day, messages: 0, activeUsers: 0, newUsers: 0, newChats: 0, computedAt: Timestamp.now() });
    }
    await expect(handleRollDailyStats({ eventId: 'crash' }, { pageSize: 2, now: () => NOW, afterPage: crashAfterFirstPage })).rejects.toThrow('simulated crash');
    expect(await stats('2031-01-09')).toBeNull();
    const results = await handleRollDailyStats({ eventId: 'resume' }, { pageSize: 2, now: () => NOW + HOUR });
    expect(results[0]).toMatchObject({ kind: 'finished', resumed: true, counts: { messages: 5 } });
    expect(await stats('2031-01-09')).toMatchObject({ messages: 5, activeUsers: 3 });
  });
});

describe('removeOrphanedMedia', () => {
  it('deletes media whose message is gone or points elsewhere, keeps the rest, and a second run is a no-op', async () => {
    const now = Date.now();
    const old = now - ORPHAN_GRACE_MS - HOUR;
    await seedMessage('c1', 'has-media', { type: 'image', media: { path: 'chats/c1/has-media/a.jpg', contentType: 'image/jpeg', size: 1, name: 'a.jpg' } });
    await seedMessage('c1', 'replaced', { type: 'image', media: { path: 'chats/c1/replaced/new.jpg', contentType: 'image/jpeg', size: 1, name: 'new.jpg' } });
    const media = new MemoryMediaStore(new Map([
      ['chats/c1/has-media/a.jpg', old],
      ['chats/c1/replaced/new.jpg', old],
      ['chats/c1/replaced/old.jpg', old],
      ['chats/c1/gone/b.jpg', old],
      ['chats/c1/uploading/c.jpg', now - MIN],
      ['chats/c1/loose.jpg', old],
      ['users/u1/avatar/me.png', old],
    ]));
    const before = await snapshot();
    const first = await handleRemoveOrphanedMedia({ eventId: 'media-1' }, { media, pageSize: 2, now: () => now });
    expect(first).toMatchObject({ kind: 'finished', counts: { objectsScanned: 6, orphansDeleted: 2 } });
    expect(media.deleted.sort()).toEqual(['chats/c1/gone/b.jpg', 'chats/c1/replaced/old.jpg']);
    expect(diff(before, await snapshot())).toEqual({ removed: [], added: [], modified: [] });

    const second = await handleRemoveOrphanedMedia({ eventId: 'media-2' }, { media, pageSize: 2, now: () => now });
    expect(second).toMatchObject({ kind: 'finished', counts: { orphansDeleted: 0 } });
    expect(media.deleted).toHaveLength(2);
  });

  it('skips cleanly when Storage is unavailable', async () => {
    await seedMessage('c1', 'x', {});
    const before = await snapshot();
    expect(await handleRemoveOrphanedMedia({ eventId: 'media-none' }, { media: null })).toEqual({ kind: 'storage-unavailable' });
    expect(diff(before, await snapshot())).toEqual({ removed: [], added: [], modified: [] });
  });
});

describeWhen(missingEmulator('storage'), 'removeOrphanedMedia on the Storage emulator', () => {
  it('deletes an orphaned object and keeps a referenced one', async () => {
    const store = defaultMediaStore();
    if (!store) throw new Error('the Storage emulator is running but no bucket was found');
    const { getStorage } = await import('firebase-admin/storage');
    const bucket = getStorage().bucket(`${PROJECT_ID}.appspot.com`);
    const run = uniqueId('r');
    await bucket.file(`chats/${run}/kept/a.txt`).save('a');
    await bucket.file(`chats/${run}/gone/b.txt`).save('b');
    await seedMessage(run, 'kept', { type: 'file', media: { path: `chats/${run}/kept/a.txt`, contentType: 'text/plain', size: 1, name: 'a.txt' } });
    // Objects just written are inside the grace period; run as if a day and more had passed.
    const result = await handleRemoveOrphanedMedia({ eventId: 'storage' }, { media: store, now: () => Date.now() + ORPHAN_GRACE_MS + HOUR });
    expect(result).toMatchObject({ kind: 'finished' });
    expect((await bucket.file(`chats/${run}/gone/b.txt`).exists())[0]).toBe(false);
    expect((await bucket.file(`chats/${run}/kept/a.txt`).exists())[0]).toBe(true);
  });
});
