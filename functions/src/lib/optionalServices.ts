/**
 * Realtime Database and Storage for server code that must also run where they are absent: the
 * Functions emulator without the RTDB or Storage emulator (they cannot be downloaded offline).
 * Deployed, both always exist. The Admin SDKs are imported on first use.
 */
import type { Database } from 'firebase-admin/database';
import type { Storage } from 'firebase-admin/storage';
import { adminApp } from './admin.ts';

type Bucket = ReturnType<Storage['bucket']>;

const inEmulator = () => process.env.FUNCTIONS_EMULATOR === 'true';

/** The Realtime Database, or null in an emulator run without the RTDB emulator. */
export async function realtimeDatabaseIfAvailable(): Promise<Database | null> {
  if (inEmulator() && !process.env.FIREBASE_DATABASE_EMULATOR_HOST) return null;
  const { getDatabase } = await import('firebase-admin/database');
  return getDatabase(adminApp());
}

/** The default Storage bucket, or null in an emulator run without the Storage emulator. */
export async function storageBucketIfAvailable(): Promise<Bucket | null> {
  if (inEmulator() && !process.env.FIREBASE_STORAGE_EMULATOR_HOST) return null;
  const { getStorage } = await import('firebase-admin/storage');
  return getStorage(adminApp()).bucket();
}
