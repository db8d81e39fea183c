/**
 * Trigger: a Firebase Auth user was created (any sign-in method). 2nd-gen functions have no
 * plain "user created" event (only Identity Platform blocking functions), so this one uses v1.
 */
import { auth } from 'firebase-functions/v1';
import { newAuthUser } from './createMissingProfiles.ts';
import { handleUserCreated } from './handleUserCreated.ts';

export const onUserCreated = auth.user().onCreate(async (user) => {
  await handleUserCreated(newAuthUser(user));
});
