/** Trigger: a public profile changed; a display name changed without its search key gets one. */
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { handleProfileUpdated } from './handleProfileUpdated.ts';

export const onProfileUpdated = onDocumentUpdated({ document: 'users/{uid}', retry: true }, async (event) => {
  await handleProfileUpdated({ uid: event.params.uid, after: event.data?.after.data(), eventId: event.id });
});
