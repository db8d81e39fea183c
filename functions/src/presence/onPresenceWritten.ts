/** Trigger: a client's `/status/{uid}` changed in the Realtime Database; mirror it to the profile. */
import { onValueWritten } from 'firebase-functions/v2/database';
import { lazyHandler } from '../lib/lazy.ts';

const handlePresenceWritten = lazyHandler(async () => (await import('./handlePresence.ts')).handlePresenceWritten);

export const onPresenceWritten = onValueWritten({ ref: '/status/{uid}', retry: true }, async (event) => {
  await handlePresenceWritten({ uid: event.params.uid, status: event.data.after.val() as unknown, eventId: event.id });
});
