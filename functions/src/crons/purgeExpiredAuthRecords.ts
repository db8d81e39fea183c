/**
 * Cron: deletes sign-in codes (`authCodes`) and rate-limiter records (`rateLimits`) whose
 * `expiresAt` (a Timestamp) has passed. Each document is re-read inside the page's transaction
 * and deleted only if still expired, so a code re-issued meanwhile under the same id survives.
 */
import { COLLECTIONS } from '@natter/model';
import type { CronContext } from '../lib/cron.ts';
import { deleteBefore } from './deleteBefore.ts';
import { runPagedJob, type CronJob, type RunOptions } from './runPagedJob.ts';

const expiredIn = (collection: string) => deleteBefore({ name: collection, source: (firestore) => firestore.collection(collection), field: 'expiresAt' });

export const purgeExpiredAuthRecordsJob: CronJob = {
  name: 'purgeExpiredAuthRecords',
  scope: (nowMs) => ({ cutoffMs: nowMs }),
  phases: [expiredIn(COLLECTIONS.authCodes), expiredIn(COLLECTIONS.rateLimits)],
};

export async function handlePurgeExpiredAuthRecords(context: CronContext, deps: Partial<RunOptions> = {}) {
  return runPagedJob(purgeExpiredAuthRecordsJob, { ...deps, eventId: context.eventId });
}
