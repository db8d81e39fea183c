/**
 * Storage for server code that must also run where it is absent: the Functions emulator without
 * the Storage emulator. Deployed, it always exists. The Admin SDK is imported on first use. (The
 * Realtime Database's counterpart is `realtimeDatabase()` in realtimeDatabase.ts.)
 */
import type { Storage } from 'firebase-admin/storage';
import { adminApp } from './admin.ts';

type Bucket = ReturnType<Storage['bucket']>;

const inEmulator = () => process.env.FUNCTIONS_EMULATOR === 'true';

/** The default Storage bucket, or null in an emulator run without the Storage emulator. */
export async function storageBucketIfAvailable(): Promise<Bucket | null> {
  if (inEmulator() && !process.env.FIREBASE_STORAGE_EMULATOR_HOST) return null;
  const { getStorage } = await import('firebase-admin/storage');
  return getStorage(adminApp()).bucket();
}
