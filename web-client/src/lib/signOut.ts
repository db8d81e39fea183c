/** Signing out of this browser: first this device stops being the user's push target, then Auth. */
import { api } from './api.ts';

export async function signOut(uid: string): Promise<void> {
  try {
    // While still signed in: the rules let only the owner delete their device document.
    await api.push.forget(uid);
  } finally {
    await api.auth.signOut();
  }
}
