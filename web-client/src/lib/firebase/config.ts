/**
 * The Firebase web config: fixed demo values on the emulators, VITE_FIREBASE_* environment variables
 * in production builds. A production build missing a required variable says which, in words,
 * instead of failing somewhere inside the SDK.
 */
import type { FirebaseOptions } from 'firebase/app';
import { defaultDatabaseUrl } from '@natter/model';

export const useEmulators = import.meta.env.DEV || import.meta.env.VITE_USE_EMULATORS === 'true';
export const EMULATOR_HOST = '127.0.0.1';
const offset = __NATTER_PORT_OFFSET__;
export const emulatorPorts = {
  auth: 9099 + offset,
  firestore: 8080 + offset,
  functions: 5001 + offset,
  database: 9000 + offset,
  storage: 9199 + offset,
};
/** Emulators running locally, baked in by the build (see vite.config.ts); optional ones may be missing. */
export const runningEmulators = new Set(__NATTER_EMULATORS__.split(',').map((name) => name.trim()));

const env = import.meta.env;

export const firebaseConfig: FirebaseOptions = useEmulators
  ? {
      apiKey: 'demo-api-key',
      authDomain: 'demo-natter.firebaseapp.com',
      projectId: 'demo-natter',
      storageBucket: 'demo-natter.appspot.com',
      // The same instance the functions use; app.ts points it at the emulator.
      databaseURL: defaultDatabaseUrl('demo-natter'),
      appId: 'demo-app',
    }
  : {
      apiKey: env.VITE_FIREBASE_API_KEY,
      authDomain: env.VITE_FIREBASE_AUTH_DOMAIN,
      projectId: env.VITE_FIREBASE_PROJECT_ID,
      storageBucket: env.VITE_FIREBASE_STORAGE_BUCKET,
      databaseURL: env.VITE_FIREBASE_DATABASE_URL,
      messagingSenderId: env.VITE_FIREBASE_MESSAGING_SENDER_ID,
      appId: env.VITE_FIREBASE_APP_ID,
    };

/** Whether the optional products exist: on the emulators, if they run; in production, if configured. */
export const databaseAvailable = useEmulators ? runningEmulators.has('database') : Boolean(env.VITE_FIREBASE_DATABASE_URL);
export const storageAvailable = useEmulators ? runningEmulators.has('storage') : Boolean(env.VITE_FIREBASE_STORAGE_BUCKET);

const REQUIRED = {
  VITE_FIREBASE_API_KEY: env.VITE_FIREBASE_API_KEY,
  VITE_FIREBASE_AUTH_DOMAIN: env.VITE_FIREBASE_AUTH_DOMAIN,
  VITE_FIREBASE_PROJECT_ID: env.VITE_FIREBASE_PROJECT_ID,
  VITE_FIREBASE_APP_ID: env.VITE_FIREBASE_APP_ID,
};

/** A sentence naming missing build variables, or null when the config is complete. */
export function configProblem(): string | null {
  if (useEmulators) return null;
  const missing = Object.entries(REQUIRED).filter(([, value]) => !value).map(([name]) => name);
  return missing.length > 0
    ? `This build of Natter has no Firebase configuration: set ${missing.join(', ')} when running \`npm run build\`.`
    : null;
}
