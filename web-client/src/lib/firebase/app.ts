/**
 * Initialises Firebase once. In development (and emulator builds) it connects to the local
 * emulators; production builds take their config from VITE_FIREBASE_* environment variables.
 * The Realtime Database and Storage are optional: where they are not available the app says so
 * and degrades (no presence or typing; no media uploads) instead of failing.
 */
import { initializeApp, type FirebaseOptions } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';
import { connectFirestoreEmulator, initializeFirestore, persistentLocalCache, persistentMultipleTabManager } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import { connectStorageEmulator, getStorage, type FirebaseStorage } from 'firebase/storage';
import type { Services } from './services.ts';

export const useEmulators = import.meta.env.DEV || import.meta.env.VITE_USE_EMULATORS === 'true';
const offset = __NATTER_PORT_OFFSET__;
export const EMULATOR_HOST = '127.0.0.1';
export const emulatorPorts = {
  auth: 9099 + offset,
  firestore: 8080 + offset,
  functions: 5001 + offset,
  database: 9000 + offset,
  storage: 9199 + offset,
};
/** Emulators running locally, baked in by the build (see vite.config.ts); optional ones may be missing. */
const runningEmulators = new Set(__NATTER_EMULATORS__.split(',').map((name) => name.trim()));

const emulatorConfig: FirebaseOptions = {
  apiKey: 'demo-api-key',
  authDomain: 'demo-natter.firebaseapp.com',
  projectId: 'demo-natter',
  storageBucket: 'demo-natter.appspot.com',
  databaseURL: `http://${EMULATOR_HOST}:${emulatorPorts.database}?ns=demo-natter-default-rtdb`,
  appId: 'demo-app',
};

const env = import.meta.env;
const productionConfig: FirebaseOptions = {
  apiKey: env.VITE_FIREBASE_API_KEY,
  authDomain: env.VITE_FIREBASE_AUTH_DOMAIN,
  projectId: env.VITE_FIREBASE_PROJECT_ID,
  storageBucket: env.VITE_FIREBASE_STORAGE_BUCKET,
  databaseURL: env.VITE_FIREBASE_DATABASE_URL,
  messagingSenderId: env.VITE_FIREBASE_MESSAGING_SENDER_ID,
  appId: env.VITE_FIREBASE_APP_ID,
};

export const app = initializeApp(useEmulators ? emulatorConfig : productionConfig);
const auth = getAuth(app);
// Persistent multi-tab cache: reopening the app shows chats at once and re-reads only changes.
const db = initializeFirestore(app, {
  localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
});
const functions = getFunctions(app, 'us-central1');

const databaseAvailable = useEmulators ? runningEmulators.has('database') : Boolean(env.VITE_FIREBASE_DATABASE_URL);
const storageAvailable = useEmulators ? runningEmulators.has('storage') : Boolean(env.VITE_FIREBASE_STORAGE_BUCKET);
const database: Database | null = databaseAvailable ? getDatabase(app) : null;
const storage: FirebaseStorage | null = storageAvailable ? getStorage(app) : null;

if (useEmulators) {
  connectAuthEmulator(auth, `http://${EMULATOR_HOST}:${emulatorPorts.auth}`, { disableWarnings: true });
  connectFirestoreEmulator(db, EMULATOR_HOST, emulatorPorts.firestore);
  connectFunctionsEmulator(functions, EMULATOR_HOST, emulatorPorts.functions);
  if (database) connectDatabaseEmulator(database, EMULATOR_HOST, emulatorPorts.database);
  if (storage) connectStorageEmulator(storage, EMULATOR_HOST, emulatorPorts.storage);
}

export const services: Services = { auth, db, functions, database, storage };
