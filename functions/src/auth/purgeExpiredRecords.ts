/**
 * Deletes expired sign-in codes and limiter records. A Firestore TTL policy on `expiresAt` does the
 * same eventually (within about a day); the scheduled cleanup job calls this for a prompt purge.
 */
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '@natter/model';
import { db } from '../lib/admin.ts';

const BATCH = 400;

export async function purgeExpiredAuthRecords(
  options: { nowMs?: number; firestore?: Firestore } = {},
): Promise<{ authCodes: number; rateLimits: number }> {
  const firestore = options.firestore ?? db();
  const cutoff = Timestamp.fromMillis(options.nowMs ?? Date.now());
  const purge = async (collection: string) => {
    let deleted = 0;
    for (;;) {
      const page = await firestore.collection(collection).where('expiresAt', '<=', cutoff).limit(BATCH).get();
      if (page.empty) return deleted;
      const batch = firestore.batch();
      for (const doc of page.docs) batch.delete(doc.ref);
      await batch.commit();
      deleted += page.size;
    }
  };
  return { authCodes: await purge(COLLECTIONS.authCodes), rateLimits: await purge(COLLECTIONS.rateLimits) };
}
