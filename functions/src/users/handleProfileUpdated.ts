/**
 * Derives a profile's search key after the owner changed only `displayName`. Idempotent: the key
 * is recomputed from the name stored at the time of the transaction, so duplicate, late or
 * concurrent deliveries all converge on the current name's key, and a profile already right (as
 * this function's own write leaves it) is not written again.
 */
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { staleSearchKey } from './searchKey.ts';

export async function handleProfileUpdated({ uid, after, eventId }: { uid: string; after: unknown; eventId: string }): Promise<boolean> {
  // Most profile updates (presence, photos) leave the key right: no read, no write.
  if (staleSearchKey(after) === null) return false;
  const ref = db().doc(paths.user(uid));
  const written = await db().runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const key = snap.exists ? staleSearchKey(snap.data()) : null;
    if (key !== null) tx.update(ref, { displayNameLower: key });
    return key !== null;
  });
  if (written) logs.searchKeyDerived({ uid, eventId });
  return written;
}
