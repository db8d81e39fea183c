/**
 * Trigger: a Firebase Auth user was created (any sign-in method). 2nd-gen functions have no
 * plain "user created" event (only Identity Platform blocking functions), so this one uses v1.
 */
import { user as authUser } from 'firebase-functions/v1/auth';
import { lazyHandler } from '../lib/lazy.ts';
import { newAuthUser } from './newAuthUser.ts';

const handleUserCreated = lazyHandler(async () => (await import('./handleUserCreated.ts')).handleUserCreated);

export const onUserCreated = authUser().onCreate(async (user) => {
  await handleUserCreated(newAuthUser(user));
});
