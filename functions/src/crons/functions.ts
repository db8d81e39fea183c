/** Natter's crons (UTC schedules); each job's module loads on its first run. */
import { cron } from '../lib/cron.ts';
import { lazyHandler } from '../lib/lazy.ts';

export const purgeExpiredMessages = cron('purgeExpiredMessages', 'every 15 minutes', lazyHandler(async () => (await import('./purgeExpiredMessages.ts')).handlePurgeExpiredMessages));
export const purgeExpiredAuthRecords = cron('purgeExpiredAuthRecords', 'every 60 minutes', lazyHandler(async () => (await import('./purgeExpiredAuthRecords.ts')).handlePurgeExpiredAuthRecords));
export const markStalePresenceOffline = cron('markStalePresenceOffline', 'every 5 minutes', lazyHandler(async () => (await import('./markStalePresenceOffline.ts')).handleMarkStalePresenceOffline));
export const rollDailyStats = cron('rollDailyStats', '10 0 * * *', lazyHandler(async () => (await import('./rollDailyStats.ts')).handleRollDailyStats));
export const removeOrphanedMedia = cron('removeOrphanedMedia', '30 3 * * *', lazyHandler(async () => (await import('./removeOrphanedMedia.ts')).handleRemoveOrphanedMedia));
export const pruneStaleDevices = cron('pruneStaleDevices', '0 4 * * *', lazyHandler(async () => (await import('./pruneStaleDevices.ts')).handlePruneStaleDevices));
