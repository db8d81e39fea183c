/** Removes the device documents of a token FCM reports dead. */
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import type { PushTarget } from './planPush.ts';

/** Deletes each device document that still carries the dead token (a refreshed token is kept); returns how many. */
export async function deleteDeadToken(firestore: Firestore, target: PushTarget): Promise<number> {
  let removed = 0;
  for (const { uid, deviceId } of target.devices) {
    const ref = firestore.doc(paths.device(uid, deviceId));
    removed += await firestore.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists || snap.get('token') !== target.token) return 0;
      tx.delete(ref);
      return 1;
    });
  }
  return removed;
}
