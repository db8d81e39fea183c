/**
 * "Notifications on this device" against the Firestore emulator and its real rules: the web
 * client's push lifecycle with FCM behind its seam (FCM has no emulator), the browser's permission
 * and storage substituted, and the device document read back with the Admin SDK.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signOut } from 'firebase/auth';
import { DEVICE_REFRESH_AFTER_MS, paths } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { devicesApi } from '../src/lib/firebase/devices.ts';
import type { MessagingSeam } from '../src/lib/push/messaging.ts';
import {
  DEVICE_ID_KEY,
  PUSH_REASONS,
  webPush,
  type KeyValueStore,
  type NotificationPermissionState,
  type PermissionSource,
  type WebPush,
  type WebPushDeps,
} from '../src/lib/push/webPush.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

const VAPID_KEY = 'test-vapid-public-key';
const REGISTRATION = { scope: 'http://localhost/' } as ServiceWorkerRegistration;

/** FCM as the seam sees it: one token per browser until FCM rotates it or it is deleted. */
class FakeFcm implements MessagingSeam {
  supported = true;
  token: string | null = null;
  deletes = 0;
  private issued = 0;
  isSupported = () => Promise.resolve(this.supported);
  getToken(options: { vapidKey: string; serviceWorkerRegistration: ServiceWorkerRegistration }): Promise<string> {
    if (options.vapidKey !== VAPID_KEY || options.serviceWorkerRegistration !== REGISTRATION) throw new Error('getToken got the wrong key or registration');
    this.token ??= `fcm-token-${++this.issued}`;
    return Promise.resolve(this.token);
  }
  rotate(): void {
    this.token = `fcm-token-${++this.issued}`;
  }
  deleteToken(): Promise<void> {
    this.deletes++;
    this.token = null;
    return Promise.resolve();
  }
}

class FakePermission implements PermissionSource {
  requests = 0;
  state: NotificationPermissionState;
  answer: NotificationPermissionState;

  constructor(state: NotificationPermissionState = 'default', answer: NotificationPermissionState = 'granted') {
    this.state = state;
    this.answer = answer;
  }
  current = () => this.state;
  request = () => {
    this.requests++;
    this.state = this.answer;
    return Promise.resolve(this.state);
  };
}

const DAY = 24 * 60 * 60 * 1000;

/** One browser's localStorage. */
function memoryStore(): KeyValueStore {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

interface Browser {
  fcm: FakeFcm;
  permission: FakePermission;
  store: KeyValueStore;
}

function newBrowser(): Browser {
  return { fcm: new FakeFcm(), permission: new FakePermission(), store: memoryStore() };
}

function pushDeps(user: WebSession, browser: Browser, options: { messaging?: MessagingSeam | null; vapidKey?: string } = {}): WebPushDeps {
  return {
    messaging: options.messaging === undefined ? browser.fcm : options.messaging,
    vapidKey: 'vapidKey' in options ? options.vapidKey : VAPID_KEY,
    permission: browser.permission,
    store: browser.store,
    devices: devicesApi(user.services),
    serviceWorker: () => Promise.resolve(REGISTRATION),
  };
}

function pushFor(user: WebSession, browser: Browser, options: { messaging?: MessagingSeam | null; vapidKey?: string } = {}): WebPush {
  return webPush(pushDeps(user, browser, options));
}

async function devices(uid: string) {
  const snap = await adminDb.collection(paths.devices(uid)).get();
  return snap.docs.map((doc) => ({ id: doc.id, token: doc.get('token') as unknown, platform: doc.get('platform') as unknown, updated: doc.updateTime.toMillis() }));
}

let ana: WebSession;
let ben: WebSession;

beforeAll(async () => {
  await clearEverything();
  [ana, ben] = await Promise.all([webUser('push-ana', 'Ana Push'), webUser('push-ben', 'Ben Push')]);
});
afterAll(async () => {
  await closeAll([ana, ben]);
});
beforeEach(async () => {
  const all = await Promise.all([ana.uid, ben.uid].map((uid) => adminDb.collection(paths.devices(uid)).get()));
  await Promise.all(all.flatMap((snap) => snap.docs.map((doc) => doc.ref.delete())));
});

describe('switching notifications on', () => {
  it('asks only when switched on, then registers this browser under one stable id', async () => {
    const browser = newBrowser();
    const push = pushFor(ana, browser);
    // Starting the app asks nothing and registers nothing.
    expect(await push.sync(ana.uid)).toEqual({ kind: 'off' });
    expect(browser.permission.requests).toBe(0);
    expect(await devices(ana.uid)).toEqual([]);

    expect(await push.enable(ana.uid)).toEqual({ kind: 'on' });
    expect(browser.permission.requests).toBe(1);
    const deviceId = browser.store.getItem(DEVICE_ID_KEY);
    expect(deviceId).toMatch(/^web-/);
    expect(await devices(ana.uid)).toMatchObject([{ id: deviceId, token: 'fcm-token-1', platform: 'web' }]);

    // The same browser after a reload: same id, same token, nothing written.
    const [before] = await devices(ana.uid);
    const reloaded = pushFor(ana, browser);
    expect(await reloaded.sync(ana.uid)).toEqual({ kind: 'on' });
    expect(await reloaded.enable(ana.uid)).toEqual({ kind: 'on' });
    expect(await devices(ana.uid)).toEqual([before]);

    // Another browser is another device.
    const other = newBrowser();
    other.permission.state = 'granted';
    await pushFor(ana, other).enable(ana.uid);
    const ids = (await devices(ana.uid)).map((device) => device.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(other.store.getItem(DEVICE_ID_KEY));
  });

  it('registers nothing when the prompt is refused, and then says notifications are blocked', async () => {
    const browser = newBrowser();
    browser.permission.answer = 'denied';
    const push = pushFor(ana, browser);
    expect(await push.enable(ana.uid)).toEqual({ kind: 'blocked', reason: PUSH_REASONS.blocked });
    expect(await devices(ana.uid)).toEqual([]);
    // Dismissing the prompt (still "default") leaves the control off, ready to ask again.
    const dismissed = newBrowser();
    dismissed.permission.answer = 'default';
    expect(await pushFor(ana, dismissed).enable(ana.uid)).toEqual({ kind: 'off' });
    expect(await devices(ana.uid)).toEqual([]);
  });
});

describe('keeping the device current', () => {
  it('replaces the stored token when FCM rotates it', async () => {
    const browser = newBrowser();
    const push = pushFor(ben, browser);
    await push.enable(ben.uid);
    expect((await devices(ben.uid)).map((d) => d.token)).toEqual(['fcm-token-1']);
    browser.fcm.rotate();
    expect(await push.sync(ben.uid)).toEqual({ kind: 'on' });
    expect((await devices(ben.uid)).map((d) => d.token)).toEqual(['fcm-token-2']);
  });

  it('rewrites an unchanged token once a week, so the 60-day prune never removes a browser in use', async () => {
    const browser = newBrowser();
    let clock = Date.UTC(2026, 0, 1);
    const push = webPush({ ...pushDeps(ben, browser), now: () => clock });
    await push.enable(ben.uid);
    const [first] = await devices(ben.uid);
    clock += DAY;
    expect(await push.sync(ben.uid)).toEqual({ kind: 'on' });
    expect((await devices(ben.uid))[0]?.updated).toBe(first?.updated);
    clock += DEVICE_REFRESH_AFTER_MS;
    expect(await push.sync(ben.uid)).toEqual({ kind: 'on' });
    const [rewritten] = await devices(ben.uid);
    expect(rewritten?.token).toBe(first?.token);
    expect(rewritten?.updated).toBeGreaterThan(first?.updated ?? Number.POSITIVE_INFINITY);
  });

  it('removes the device when the permission is revoked in the browser', async () => {
    const browser = newBrowser();
    const push = pushFor(ben, browser);
    await push.enable(ben.uid);
    expect(await devices(ben.uid)).toHaveLength(1);
    browser.permission.state = 'denied';
    expect(await push.sync(ben.uid)).toEqual({ kind: 'blocked', reason: PUSH_REASONS.blocked });
    expect(await devices(ben.uid)).toEqual([]);
    expect(browser.fcm.deletes).toBe(1);
  });
});

describe('switching off and signing out', () => {
  it('deletes the device document and the FCM token when switched off', async () => {
    const browser = newBrowser();
    const push = pushFor(ana, browser);
    await push.enable(ana.uid);
    expect(await push.disable(ana.uid)).toEqual({ kind: 'off' });
    expect(await devices(ana.uid)).toEqual([]);
    expect(browser.fcm.deletes).toBe(1);
    // Switching on again registers a fresh token under the same id.
    const id = browser.store.getItem(DEVICE_ID_KEY);
    await push.enable(ana.uid);
    expect(await devices(ana.uid)).toMatchObject([{ id, token: 'fcm-token-2' }]);
  });

  it('forgets the device while still signed in, which the rules require', async () => {
    const cai = await webUser('push-cai', 'Cai Push');
    try {
      const browser = newBrowser();
      const push = pushFor(cai, browser);
      await push.enable(cai.uid);
      await push.forget(cai.uid);
      await signOut(cai.services.auth);
      expect(await devices(cai.uid)).toEqual([]);
      expect(browser.fcm.deletes).toBe(1);

      // Positive control for the order: signed out first, the device document cannot be removed.
      const late = await webUser('push-dee', 'Dee Push');
      const lateBrowser = newBrowser();
      const latePush = pushFor(late, lateBrowser);
      await latePush.enable(late.uid);
      await signOut(late.services.auth);
      await expect(latePush.forget(late.uid)).rejects.toThrow(/signed out/);
      expect(await devices(late.uid)).toHaveLength(1);
      await late.session.close();
    } finally {
      await cai.session.close();
    }
  });
});

describe('where push cannot work', () => {
  it('says why, and never asks for permission', async () => {
    const browser = newBrowser();
    expect(await pushFor(ana, browser, { messaging: null }).enable(ana.uid)).toEqual({ kind: 'unavailable', reason: PUSH_REASONS.emulators });
    expect(await pushFor(ana, browser, { vapidKey: undefined }).status(ana.uid)).toEqual({ kind: 'unavailable', reason: PUSH_REASONS.noKey });
    browser.fcm.supported = false;
    expect(await pushFor(ana, browser).enable(ana.uid)).toEqual({ kind: 'unavailable', reason: PUSH_REASONS.unsupported });
    expect(browser.permission.requests).toBe(0);
    expect(await devices(ana.uid)).toEqual([]);
  });

  it('removes a registration that a build without push can no longer keep fresh', async () => {
    const browser = newBrowser();
    await pushFor(ana, browser).enable(ana.uid);
    expect(await devices(ana.uid)).toHaveLength(1);
    expect(await pushFor(ana, browser, { vapidKey: undefined }).sync(ana.uid)).toEqual({ kind: 'unavailable', reason: PUSH_REASONS.noKey });
    expect(await devices(ana.uid)).toEqual([]);
  });
});
