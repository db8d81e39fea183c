/**
 * Sign-up returns before the asynchronous `onUserCreated` trigger has written the new user's
 * profile (seconds, under load). Callables that name other users call this for uids without a
 * profile: every one that is a real Auth user gets its documents now, exactly as the trigger would
 * make them (the same create-if-missing transaction, so the two never conflict or duplicate).
 */
import { auth } from '../lib/admin.ts';
import { handleUserCreated } from './handleUserCreated.ts';
import { newAuthUser } from './newAuthUser.ts';

/** Auth's `getUsers` takes at most this many identifiers per call. */
const GET_USERS_LIMIT = 100;

/** Creates the documents of those uids that are Auth users; uids unknown to Auth are left alone. */
export async function createMissingProfiles(uids: readonly string[]): Promise<void> {
  for (let i = 0; i < uids.length; i += GET_USERS_LIMIT) {
    const { users } = await auth().getUsers(uids.slice(i, i + GET_USERS_LIMIT).map((uid) => ({ uid })));
    await Promise.all(users.map((user) => handleUserCreated(newAuthUser(user))));
  }
}
