/**
 * "Notifications on this device": the lifecycle of this browser's FCM token as the user's device
 * document. Switched on only from the Settings control (never on page load): asks for permission,
 * then stores the token under one stable id per browser. Kept fresh on every start (FCM rotates
 * tokens; a new one replaces the stored one, and an unchanged one is rewritten weekly so the
 * server's 60-day prune never removes a browser in use), and removed when switched off, on sign-out and when
 * the browser's permission is revoked. Every browser API arrives as a dependency, so the same code
 * runs in Node tests against the Firestore emulator with the messaging seam substituted.
 */
import { DEVICE_REFRESH_AFTER_MS } from '@natter/model';
import type { DevicesApi } from '../firebase/devices.ts';
import type { MessagingSeam } from './messaging.ts';

export type NotificationPermissionState = 'default' | 'granted' | 'denied';

export interface PermissionSource {
  current(): NotificationPermissionState;
  /** Asks the user; only ever called from their click on the control. */
  request(): Promise<NotificationPermissionState>;
}

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WebPushDeps {
  /** Null where FCM cannot exist (the emulators). */
  messaging: MessagingSeam | null;
  vapidKey: string | undefined;
  permission: PermissionSource;
  /** This browser's storage (localStorage): the device id, and the token registered per user. */
  store: KeyValueStore;
  devices: Pick<DevicesApi, 'register' | 'unregister'>;
  /** Natter's service worker registration, which FCM subscribes. */
  serviceWorker: () => Promise<ServiceWorkerRegistration>;
  newId?: () => string;
  /** The clock (tests move it); `Date.now` by default. */
  now?: () => number;
}

export type PushStatus = { kind: 'on' } | { kind: 'off' } | { kind: 'blocked'; reason: string } | { kind: 'unavailable'; reason: string };

export const PUSH_REASONS = {
  emulators: 'Notifications need Firebase Cloud Messaging, which the local emulators do not have.',
  noKey: 'This build of Natter has no web push key: set VITE_FIREBASE_VAPID_KEY when running `npm run build`.',
  unsupported: 'This browser cannot receive web push notifications.',
  blocked: 'Notifications are blocked for Natter in this browser. Allow them in the site settings, then switch this on.',
} as const;

export const DEVICE_ID_KEY = 'natter.deviceId';
export const tokenKey = (uid: string) => `natter.pushToken.${uid}`;
/** When this browser last wrote the user's device document (ms): an unchanged token is rewritten weekly. */
export const tokenWrittenKey = (uid: string) => `natter.pushTokenWrittenAt.${uid}`;

export function webPush(deps: WebPushDeps) {
  const { store, permission, devices } = deps;

  /** One id per browser, kept across sign-ins: re-registering overwrites, never duplicates. */
  function deviceId(): string {
    const known = store.getItem(DEVICE_ID_KEY);
    if (known) return known;
    const id = `web-${deps.newId ? deps.newId() : crypto.randomUUID()}`;
    store.setItem(DEVICE_ID_KEY, id);
    return id;
  }

  async function unavailable(): Promise<string | null> {
    if (!deps.messaging) return PUSH_REASONS.emulators;
    if (!deps.vapidKey) return PUSH_REASONS.noKey;
    return (await deps.messaging.isSupported()) ? null : PUSH_REASONS.unsupported;
  }

  const now = deps.now ?? Date.now;

  /**
   * Writes the device document when the token changed, and also when it has not been written for
   * a week: the server prunes tokens not refreshed for 60 days, so a browser in use keeps its own
   * fresh (one write a week, none on the other starts).
   */
  async function register(uid: string, messaging: MessagingSeam, vapidKey: string): Promise<void> {
    const token = await messaging.getToken({ vapidKey, serviceWorkerRegistration: await deps.serviceWorker() });
    const writtenAt = Number(store.getItem(tokenWrittenKey(uid)) ?? Number.NaN);
    const fresh = Number.isFinite(writtenAt) && now() - writtenAt < DEVICE_REFRESH_AFTER_MS;
    if (store.getItem(tokenKey(uid)) === token && fresh) return;
    await devices.register(deviceId(), token);
    store.setItem(tokenKey(uid), token);
    store.setItem(tokenWrittenKey(uid), String(now()));
  }

  async function status(uid: string): Promise<PushStatus> {
    const reason = await unavailable();
    if (reason) return { kind: 'unavailable', reason };
    if (permission.current() === 'denied') return { kind: 'blocked', reason: PUSH_REASONS.blocked };
    return store.getItem(tokenKey(uid)) !== null && permission.current() === 'granted' ? { kind: 'on' } : { kind: 'off' };
  }

  /** Removes this browser as the user's device: the document first (the server stops sending), then the token. */
  async function forget(uid: string): Promise<void> {
    if (store.getItem(tokenKey(uid)) === null) return;
    store.removeItem(tokenKey(uid));
    store.removeItem(tokenWrittenKey(uid));
    const results = await Promise.allSettled([devices.unregister(deviceId()), deps.messaging?.deleteToken()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  return {
    deviceId,
    status,

    /** The user switched the control on: ask for permission now, then register. */
    async enable(uid: string): Promise<PushStatus> {
      const reason = await unavailable();
      if (reason || !deps.messaging || !deps.vapidKey) return { kind: 'unavailable', reason: reason ?? PUSH_REASONS.emulators };
      const answer = permission.current() === 'default' ? await permission.request() : permission.current();
      if (answer !== 'granted') return status(uid);
      await register(uid, deps.messaging, deps.vapidKey);
      return { kind: 'on' };
    },

    /** The user switched the control off. */
    async disable(uid: string): Promise<PushStatus> {
      await forget(uid);
      return status(uid);
    },

    /** Before signing out: the next person on this browser must not get this user's notifications. */
    forget,

    /**
     * On every start and permission change: a revoked permission (or a build without push) removes
     * the device; otherwise a token FCM rotated replaces the stored one (no write when unchanged,
     * except once a week).
     */
    async sync(uid: string): Promise<PushStatus> {
      if (store.getItem(tokenKey(uid)) === null) return status(uid);
      if ((await unavailable()) || permission.current() !== 'granted' || !deps.messaging || !deps.vapidKey) {
        await forget(uid);
        return status(uid);
      }
      await register(uid, deps.messaging, deps.vapidKey);
      return { kind: 'on' };
    },
  };
}
export type WebPush = ReturnType<typeof webPush>;
