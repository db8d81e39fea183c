/**
 * Web push bound to this browser: Natter's service worker, the Notification permission,
 * localStorage, FCM through the messaging seam (none on the emulators), and the messages the
 * worker posts to open tabs.
 */
import type { FirebaseApp } from 'firebase/app';
import { devicesApi } from '../firebase/devices.ts';
import type { Services } from '../firebase/services.ts';
import { firebaseMessaging } from './messaging.ts';
import { SERVICE_WORKER_URL, readWorkerMessage, type WorkerMessage } from './protocol.ts';
import { webPush, type NotificationPermissionState, type PermissionSource } from './webPush.ts';

const serviceWorkerSupported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator;

/** Registers (or updates) Natter's service worker; the same registration is returned every time. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  if (!serviceWorkerSupported()) throw new Error('This browser has no service workers, so it cannot receive notifications.');
  return navigator.serviceWorker.register(SERVICE_WORKER_URL);
}

const browserPermission: PermissionSource = {
  current: () => (typeof Notification === 'undefined' ? 'denied' : Notification.permission),
  request: async () => (typeof Notification === 'undefined' ? 'denied' : Notification.requestPermission()),
};

export function browserPush(app: FirebaseApp, services: Pick<Services, 'auth' | 'db'>, { emulators }: { emulators: boolean }) {
  return webPush({
    messaging: emulators ? null : firebaseMessaging(app),
    vapidKey: import.meta.env.VITE_FIREBASE_VAPID_KEY,
    permission: browserPermission,
    store: localStorage,
    devices: devicesApi(services),
    serviceWorker: registerServiceWorker,
  });
}

/** Calls `onChange` when the user changes the notification permission in the browser's settings. */
export function watchPermission(onChange: (state: NotificationPermissionState) => void): () => void {
  if (typeof navigator === 'undefined' || !navigator.permissions) return () => undefined;
  let status: PermissionStatus | null = null;
  let stopped = false;
  const listener = () => onChange(browserPermission.current());
  navigator.permissions.query({ name: 'notifications' }).then((found) => {
    if (stopped) return;
    status = found;
    found.addEventListener('change', listener);
  }, () => undefined);
  return () => {
    stopped = true;
    status?.removeEventListener('change', listener);
  };
}

/** Messages from Natter's service worker to this tab (pushes while on screen, notification clicks). */
export function watchWorker(onMessage: (message: WorkerMessage) => void): () => void {
  if (!serviceWorkerSupported()) return () => undefined;
  const listener = (event: MessageEvent) => {
    const message = readWorkerMessage(event.data);
    if (message) onMessage(message);
  };
  navigator.serviceWorker.addEventListener('message', listener);
  // Messages posted before the listener existed are held until the client's message queue starts.
  navigator.serviceWorker.startMessages();
  return () => navigator.serviceWorker.removeEventListener('message', listener);
}
