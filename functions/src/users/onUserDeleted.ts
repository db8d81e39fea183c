/** Trigger: a Firebase Auth user was deleted; remove or anonymise everything they owned (v1, see onUserCreated). */
import { runWith } from 'firebase-functions/v1';
import { USER_DELETION_SECRETS } from '../lib/params.ts';
import { lazyHandler } from '../lib/lazy.ts';

const deleteUserData = lazyHandler(async () => (await import('./deleteUserData.ts')).deleteUserData);

export const onUserDeleted = runWith({ secrets: USER_DELETION_SECRETS, timeoutSeconds: 540 })
  .auth.user()
  .onDelete(async (user) => {
    await deleteUserData(user.uid, { email: user.email });
  });
