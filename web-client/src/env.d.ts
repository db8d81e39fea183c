/// <reference types="vite/client" />

/** Port offset baked in at build time (see vite.config.ts). */
declare const __NATTER_PORT_OFFSET__: number;
/** Comma-separated emulators running locally, baked in at build time (see vite.config.ts). */
declare const __NATTER_EMULATORS__: string;

interface ImportMetaEnv {
  readonly VITE_USE_EMULATORS?: string;
  readonly VITE_FIREBASE_API_KEY?: string;
  readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
  readonly VITE_FIREBASE_PROJECT_ID?: string;
  readonly VITE_FIREBASE_STORAGE_BUCKET?: string;
  readonly VITE_FIREBASE_APP_ID?: string;
  readonly VITE_FIREBASE_DATABASE_URL?: string;
  readonly VITE_FIREBASE_MESSAGING_SENDER_ID?: string;
  /** Web push (FCM) public key; without it the notifications control says push is unavailable. */
  readonly VITE_FIREBASE_VAPID_KEY?: string;
}
