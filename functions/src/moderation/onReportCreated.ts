/** Trigger: a client filed a report; snapshot its evidence and open it for staff. */
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { lazyHandler } from '../lib/lazy.ts';

const captureEvidence = lazyHandler(async () => (await import('./captureEvidence.ts')).captureEvidence);

export const onReportCreated = onDocumentCreated({ document: 'reports/{reportId}', retry: true }, async (event) => {
  await captureEvidence({ reportId: event.params.reportId, eventId: event.id });
});
