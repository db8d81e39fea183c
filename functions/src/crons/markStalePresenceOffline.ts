/**
 * Cron: marks users offline whose presence went stale: `users/{uid}.online` is still true, the
 * profile's `lastSeenAt` is missing or older than STALE_PRESENCE_MS, and the Realtime Database
 * presence (where there is one) does not say online. This repairs profiles whose "went offline"
 * update was lost; each user is re-read in the page's transaction before being changed.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CronContext } from '../lib/cron.ts';
import { rtdbPresence, type PresenceReader } from '../notifications/presence.ts';
import { lastPoint, pageQuery, runPagedJob, type CronJob, type RunOptions } from './runPagedJob.ts';

export const STALE_PRESENCE_MS = 10 * 60_000;

function isStale(lastSeenAt: unknown, cutoffMs: number): boolean {
  return !(lastSeenAt instanceof Timestamp) || lastSeenAt.toMillis() <= cutoffMs;
}

export function markStalePresenceOfflineJob(presence: PresenceReader | null): CronJob {
  return {
    name: 'markStalePresenceOffline',
    scope: (nowMs) => ({ cutoffMs: nowMs - STALE_PRESENCE_MS }),
    phases: [
      {
        name: 'users',
        async page({ scope, after, pageSize }) {
          const firestore = db();
          const cutoffMs = Number(scope.cutoffMs);
          const snap = await pageQuery(firestore, firestore.collection(COLLECTIONS.users).where('online', '==', true), null, after, pageSize).get();
          let candidates = snap.docs.filter((doc) => isStale(doc.get('lastSeenAt'), cutoffMs));
          if (presence && candidates.length > 0) {
            const live = await presence.online(candidates.map((doc) => doc.id));
            candidates = candidates.filter((doc) => !live.has(doc.id));
          }
          return {
            seen: snap.size,
            after: lastPoint(snap.docs, null),
            async commit(tx) {
              if (candidates.length === 0) return { usersScanned: snap.size, markedOffline: 0 };
              const current = await tx.getAll(...candidates.map((doc) => doc.ref));
              let marked = 0;
              for (const doc of current) {
                if (doc.get('online') !== true || !isStale(doc.get('lastSeenAt'), cutoffMs)) continue;
                tx.update(doc.ref, { online: false });
                marked += 1;
              }
              return { usersScanned: snap.size, markedOffline: marked };
            },
          };
        },
      },
    ],
  };
}

export async function handleMarkStalePresenceOffline(context: CronContext, deps: Partial<RunOptions> & { presence?: PresenceReader | null } = {}) {
  const presence = deps.presence === undefined ? rtdbPresence() : deps.presence;
  return runPagedJob(markStalePresenceOfflineJob(presence), { ...deps, eventId: context.eventId });
}
