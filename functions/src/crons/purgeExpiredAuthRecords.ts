/**
 * Cron: deletes sign-in codes (`authCodes`) and rate-limiter records (`rateLimits`) whose
 * `expiresAt` (a Timestamp) has passed. Each document is re-read inside the page's transaction
 * and deleted only if still expired, so a code re-issued meanwhile under the same id survives.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CronContext } from '../lib/cron.ts';
import { lastPoint, pageQuery, runPagedJob, type CronJob, type CronPhase, type RunOptions } from './runPagedJob.ts';

function expiredIn(collection: string): CronPhase {
  return {
    name: collection,
    async page({ scope, after, pageSize }) {
      const firestore = db();
      const cutoff = Timestamp.fromMillis(Number(scope.cutoffMs));
      const snap = await pageQuery(firestore, firestore.collection(collection).where('expiresAt', '<=', cutoff), 'expiresAt', after, pageSize).get();
      return {
        seen: snap.size,
        after: lastPoint(snap.docs, 'expiresAt'),
        async commit(tx) {
          if (snap.empty) return { [`${collection}Deleted`]: 0 };
          const current = await tx.getAll(...snap.docs.map((doc) => doc.ref));
          let deleted = 0;
          for (const doc of current) {
            const expiresAt: unknown = doc.get('expiresAt');
            if (!doc.exists || !(expiresAt instanceof Timestamp) || expiresAt.toMillis() > cutoff.toMillis()) continue;
            tx.delete(doc.ref);
            deleted += 1;
          }
          return { [`${collection}Deleted`]: deleted };
        },
      };
    },
  };
}

export const purgeExpiredAuthRecordsJob: CronJob = {
  name: 'purgeExpiredAuthRecords',
  scope: (nowMs) => ({ cutoffMs: nowMs }),
  phases: [expiredIn(COLLECTIONS.authCodes), expiredIn(COLLECTIONS.rateLimits)],
};

export async function handlePurgeExpiredAuthRecords(context: CronContext, deps: Partial<RunOptions> = {}) {
  return runPagedJob(purgeExpiredAuthRecordsJob, { ...deps, eventId: context.eventId });
}
