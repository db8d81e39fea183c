/**
 * The Realtime Database emulator for tests, through the Admin SDK: the project's default instance,
 * under the very URL the functions use (one app must never hold two spellings of one database).
 */
import { getApps, initializeApp } from 'firebase-admin/app';
import { getDatabaseWithUrl, type Database } from 'firebase-admin/database';
import { defaultDatabaseUrl } from '@natter/model';
import { PROJECT_ID, unavailableEmulators } from './env.ts';

export function adminRtdb(): Database {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
  return getDatabaseWithUrl(defaultDatabaseUrl(PROJECT_ID), app);
}

/** The database where its emulator runs in this test run, else null (e.g. for seeding the mirror). */
export function adminRtdbWhereRunning(): Database | null {
  return unavailableEmulators().database ? null : adminRtdb();
}
