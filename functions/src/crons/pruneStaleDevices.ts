/**
 * Cron: deletes push tokens (`users/{uid}/devices/{id}`) whose `updatedAt` is older than
 * `DEVICE_STALE_AFTER_MS` (60 days). Clients refresh a token whenever FCM rotates it, so one this
 * old belongs to an uninstalled app or a wiped browser; FCM would answer it as unregistered anyway,
 * after the push worker had spent a send on it. A token refreshed meanwhile survives (the page's
 * transaction re-reads it).
 */
import { COLLECTIONS, DEVICE_STALE_AFTER_MS } from '@natter/model';
import type { CronContext } from '../lib/cron.ts';
import { deleteBefore } from './deleteBefore.ts';
import { runPagedJob, type CronJob, type RunOptions } from './runPagedJob.ts';

export const pruneStaleDevicesJob: CronJob = {
  name: 'pruneStaleDevices',
  scope: (nowMs) => ({ cutoffMs: nowMs - DEVICE_STALE_AFTER_MS }),
  phases: [deleteBefore({ name: COLLECTIONS.devices, source: (firestore) => firestore.collectionGroup(COLLECTIONS.devices), field: 'updatedAt' })],
};

export async function handlePruneStaleDevices(context: CronContext, deps: Partial<RunOptions> = {}) {
  return runPagedJob(pruneStaleDevicesJob, { ...deps, eventId: context.eventId });
}
