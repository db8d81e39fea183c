/**
 * The one way functions reach the Realtime Database: one URL, one Admin SDK instance. Deployed,
 * the project's configured database. Under the emulators, the default instance
 * (`<project>-default-rtdb`), where firebase.json's rules are loaded and clients connect: the
 * Functions emulator's FIREBASE_CONFIG names `<project>` for demo projects, a rule-less namespace
 * nobody reads, and two URL spellings of one database on one app abort the process.
 */
import type { Database } from 'firebase-admin/database';
import { defaultDatabaseUrl } from '@natter/model';
import { adminApp } from './admin.ts';

export interface DatabaseSetting {
  /** FIREBASE_DATABASE_EMULATOR_HOST, when the emulator runs. */
  emulatorHost?: string | undefined;
  /** The app's configured databaseURL (FIREBASE_CONFIG when deployed or in the Functions emulator). */
  configured?: string | undefined;
  projectId?: string | undefined;
}

/** The database URL for a setting, or undefined when there is nothing to name. */
export function chooseDatabaseUrl({ emulatorHost, configured, projectId }: DatabaseSetting): string | undefined {
  if (emulatorHost && projectId) return defaultDatabaseUrl(projectId);
  return configured ?? (projectId ? defaultDatabaseUrl(projectId) : undefined);
}

/** Whether a Realtime Database is reachable: deployed functions, or any process with the emulator. */
export function rtdbAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FIREBASE_DATABASE_EMULATOR_HOST) return true;
  return env.FUNCTIONS_EMULATOR !== 'true' && Boolean(env.K_SERVICE);
}

/** This process's database URL. */
export function databaseUrl(): string | undefined {
  const { databaseURL, projectId } = adminApp().options;
  return chooseDatabaseUrl({
    emulatorHost: process.env.FIREBASE_DATABASE_EMULATOR_HOST,
    configured: databaseURL,
    projectId: projectId ?? process.env.GCLOUD_PROJECT,
  });
}

/** The Realtime Database, or null where none runs (the Functions emulator without the RTDB emulator, unit tests). */
export async function realtimeDatabase(): Promise<Database | null> {
  const url = databaseUrl();
  if (!rtdbAvailable() || !url) return null;
  // Loaded lazily: the database SDK is heavy and only a few handlers need it.
  const { getDatabaseWithUrl } = await import('firebase-admin/database');
  return getDatabaseWithUrl(url, adminApp());
}
