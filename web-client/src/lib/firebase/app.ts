/**
 * Initialises Firebase once (config in config.ts). In development and emulator builds it connects
 * to the local emulators. The Realtime Database and Storage are optional: where they are not
 * available the app says so and degrades (no presence or typing; no media uploads) instead of failing.
 */
import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';
import { connectFirestoreEmulator, initializeFirestore, persistentLocalCache, persistentMultipleTabManager } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import { connectStorageEmulator, getStorage, type FirebaseStorage } from 'firebase/storage';
import { EMULATOR_HOST, databaseAvailable, emulatorPorts, firebaseConfig, storageAvailable, useEmulators } from './config.ts';
import type { Services } from './services.ts';

export { useEmulators } from './config.ts';

export const app = initializeApp(firebaseConfig);
const auth = getAuth(app);
// Persistent multi-tab cache: reopening the app shows chats at once and re-reads only changes.
const db = initializeFirestore(app, {
  localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
});
const functions = getFunctions(app, 'us-central1');
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
