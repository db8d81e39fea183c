/**
 * The one seam between the web client and Firebase Cloud Messaging. FCM has no emulator and needs
 * Google's push service, so everything else talks to this interface, and tests substitute it.
 * The SDK is loaded only when push is actually used (it is not part of the app's first load).
 */
import type { FirebaseApp } from 'firebase/app';

export interface MessagingSeam {
  /** Whether this browser can do FCM web push at all (service workers, Push API, IndexedDB). */
  isSupported(): Promise<boolean>;
  /** This browser's current FCM token; FCM hands out a new one when it rotated the old one. */
  getToken(options: { vapidKey: string; serviceWorkerRegistration: ServiceWorkerRegistration }): Promise<string>;
  /** Unsubscribes this browser: the token stops working at FCM. */
  deleteToken(): Promise<void>;
}

export function firebaseMessaging(app: FirebaseApp): MessagingSeam {
  const sdk = () => import('firebase/messaging');
  return {
    isSupported: async () => (await sdk()).isSupported(),
    async getToken(options) {
      const { getMessaging, getToken } = await sdk();
      return getToken(getMessaging(app), options);
    },
    async deleteToken() {
      const { getMessaging, deleteToken } = await sdk();
      await deleteToken(getMessaging(app));
    },
  };
}
