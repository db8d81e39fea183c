/**
 * Cron: deletes disappearing messages whose `expiresAt` has passed, and their media and a poll's
 * votes first (a page's objects and votes are deleted before its documents, so a crash leaves
 * nothing unreachable). Where
 * Storage is unavailable the documents still go and the media is counted as skipped; the
 * orphaned-media cron removes it once Storage is there.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CronContext } from '../lib/cron.ts';
import { defaultMediaStore, type MediaStore } from '../lib/media.ts';
import { lastPoint, pageQuery, runPagedJob, type CronJob, type RunOptions } from './runPagedJob.ts';

export function purgeExpiredMessagesJob(media: MediaStore | null): CronJob {
  return {
    name: 'purgeExpiredMessages',
    scope: (nowMs) => ({ cutoffMs: nowMs }),
    phases: [
      {
        name: 'messages',
        async page({ scope, after, pageSize }) {
          const firestore = db();
          const expired = firestore.collectionGroup(COLLECTIONS.messages).where('expiresAt', '<=', Timestamp.fromMillis(Number(scope.cutoffMs)));
          const snap = await pageQuery(firestore, expired, 'expiresAt', after, pageSize).get();
          let mediaDeleted = 0;
          let mediaSkipped = 0;
          for (const doc of snap.docs) {
            if (doc.get('type') === 'poll') await firestore.recursiveDelete(doc.ref.collection(COLLECTIONS.votes));
            const path: unknown = doc.get('media.path');
            if (typeof path !== 'string' || path === '') continue;
            if (!media) {
              mediaSkipped += 1;
              continue;
            }
            await media.delete(path);
            mediaDeleted += 1;
          }
          return {
            seen: snap.size,
            after: lastPoint(snap.docs, 'expiresAt'),
            commit(tx) {
              for (const doc of snap.docs) tx.delete(doc.ref);
              return { messagesDeleted: snap.size, mediaDeleted, mediaSkipped };
            },
          };
        },
      },
    ],
  };
}

export async function handlePurgeExpiredMessages(context: CronContext, deps: Partial<RunOptions> & { media?: MediaStore | null } = {}) {
  const media = deps.media === undefined ? defaultMediaStore() : deps.media;
  return runPagedJob(purgeExpiredMessagesJob(media), { ...deps, eventId: context.eventId });
}
