/** Trigger: an account document changed; when the last-seen setting did, the profile follows. */
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { lazyHandler } from '../lib/lazy.ts';

const handleAccountUpdated = lazyHandler(async () => (await import('./handlePresence.ts')).handleAccountUpdated);

export const onAccountUpdated = onDocumentUpdated({ document: 'users/{uid}/private/account', retry: true }, async (event) => {
  await handleAccountUpdated({
    uid: event.params.uid,
    before: event.data?.before.data(),
    after: event.data?.after.data(),
    eventId: event.id,
  });
});
