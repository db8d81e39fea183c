/**
 * This browser as a push device of the signed-in user: `users/{uid}/devices/{deviceId}`
 * ({token, platform: 'web', updatedAt}), which the push worker reads to send notifications.
 */
import { deleteDoc, doc, serverTimestamp, setDoc } from 'firebase/firestore';
import { describeIssues, deviceInputSchema, paths } from '@natter/model';
import { InvalidInputError } from './functions.ts';
import { requireUid, type Services } from './services.ts';

export function devicesApi(services: Pick<Services, 'auth' | 'db'>) {
  return {
    /** Registers or refreshes this browser's token (one document per browser: the same id every time). */
    async register(deviceId: string, token: string): Promise<void> {
      const uid = requireUid(services);
      const parsed = deviceInputSchema.safeParse({ token, platform: 'web' });
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      await setDoc(doc(services.db, paths.device(uid, deviceId)), { ...parsed.data, updatedAt: serverTimestamp() });
    },

    async unregister(deviceId: string): Promise<void> {
      await deleteDoc(doc(services.db, paths.device(requireUid(services), deviceId)));
    },
  };
}
export type DevicesApi = ReturnType<typeof devicesApi>;
