/** Trigger: a public profile changed; a display name changed without its search key gets one. */
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { reportErrors } from '../lib/errors.ts';
import { lazyHandler } from '../lib/lazy.ts';

const handleProfileUpdated = lazyHandler(async () => (await import('./handleProfileUpdated.ts')).handleProfileUpdated);

export const onProfileUpdated = onDocumentUpdated({ document: 'users/{uid}', retry: true }, async (event) => {
  const { uid } = event.params;
  await reportErrors({ function: 'onProfileUpdated', eventId: event.id, data: { uid }, rethrow: 'error' }, () =>
    handleProfileUpdated({ uid, after: event.data?.after.data(), eventId: event.id }),
  );
});
