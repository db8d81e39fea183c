/**
 * One cron phase shape shared by the purges: delete the documents whose Timestamp `field` lies
 * before the run's `scope.cutoffMs`, page by page in `field` order. Each page re-reads its
 * documents inside the transaction that deletes them and skips any that moved past the cutoff
 * meanwhile (a code re-issued under the same id, a token refreshed), so a purge never deletes
 * something that became current.
 */
import { Timestamp, type CollectionReference, type Firestore, type Query } from 'firebase-admin/firestore';
import { db } from '../lib/admin.ts';
import { lastPoint, pageQuery, type CronPhase } from './runPagedJob.ts';

export function deleteBefore(options: {
  /** The phase's name in the cursor, and the source of its counter (`<name>Deleted`). */
  name: string;
  source(firestore: Firestore): CollectionReference | Query;
  field: string;
}): CronPhase {
  const counter = `${options.name}Deleted`;
  return {
    name: options.name,
    async page({ scope, after, pageSize }) {
      const firestore = db();
      const cutoffMs = Number(scope.cutoffMs);
      const before = options.source(firestore).where(options.field, '<', Timestamp.fromMillis(cutoffMs));
      const snap = await pageQuery(firestore, before, options.field, after, pageSize).get();
      return {
        seen: snap.size,
        after: lastPoint(snap.docs, options.field),
        async commit(tx) {
          if (snap.empty) return { [counter]: 0 };
          const current = await tx.getAll(...snap.docs.map((doc) => doc.ref));
          let deleted = 0;
          for (const doc of current) {
            const value: unknown = doc.get(options.field);
            if (!doc.exists || !(value instanceof Timestamp) || value.toMillis() >= cutoffMs) continue;
            tx.delete(doc.ref);
            deleted += 1;
          }
          return { [counter]: deleted };
        },
      };
    },
  };
}
