/**
 * Initialises Firebase once. In development (and emulator builds) it connects to the local
 * emulators; production builds take their config from VITE_FIREBASE_* environment variables.
 */
import { initializeApp, type FirebaseOptions } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectFirestoreEmulator, initializeFirestore, persistentLocalCache, persistentMultipleTabManager } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';

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
export const auth = getAuth(app);
// Persistent multi-tab cache: reopening the app shows chats at once and re-reads only changes.
export const db = initializeFirestore(app, {
  localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
});
export const functions = getFunctions(app, 'us-central1');

if (useEmulators) {
  connectAuthEmulator(auth, `http://${EMULATOR_HOST}:${emulatorPorts.auth}`, { disableWarnings: true });
  connectFirestoreEmulator(db, EMULATOR_HOST, emulatorPorts.firestore);
  connectFunctionsEmulator(functions, EMULATOR_HOST, emulatorPorts.functions);
}
