/**
 * Snapshots a new report's evidence into the report itself, so later edits or deletion cannot
 * erase it: for a message, the message and the few before it as they are now, the chat's shape
 * and the sender's profile; for a user, their profile. Only a reporter who is a member of the
 * chat can put its messages in front of staff. One transaction; a report that already has
 * evidence is left alone, so duplicate and concurrent deliveries give one snapshot. A reporter over
 * REPORT_RATE_LIMITS gets the report dismissed with unavailable evidence, nothing gathered.
 */

/** The limiter key counting one user's reports. */
export function reportRateKey(reporterId: string): string {
  return `report:${reporterId}`;
}
import { FieldValue, Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { EVIDENCE_CONTEXT_MESSAGES, REPORT_RATE_LIMITS, paths, reportTargetSchema, type ReportTarget } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { readBucket, writeDecision } from '../ratelimit/limiter.ts';
import { decide } from '../ratelimit/window.ts';
import { toEvidenceChat, toEvidenceMessage, toEvidenceProfile, unavailableEvidence, type EvidenceDraft } from './evidence.ts';

export interface ReportCreatedEvent {
  reportId: string;
  eventId: string;
}

export async function captureEvidence({ reportId, eventId }: ReportCreatedEvent, firestore: Firestore = db()): Promise<void> {
  const started = Date.now();
  const ref = firestore.doc(paths.report(reportId));
  const outcome = await firestore.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return 'gone' as const;
    if (snap.get('evidence') !== undefined) return 'duplicate' as const;
    const reporterId: unknown = snap.get('reporterId');
    const reporter = typeof reporterId === 'string' ? reporterId : '';
    // Counted in this transaction, so a duplicate delivery (which finds evidence) never counts twice.
    const bucket = await readBucket(tx, reportRateKey(reporter), firestore);
    const decision = decide(bucket.hits, REPORT_RATE_LIMITS, Date.now());
    if (!decision.allowed) {
      const evidence = unavailableEvidence('the reporter filed too many reports');
      tx.update(ref, { evidence: { ...evidence, capturedAt: FieldValue.serverTimestamp() }, status: 'dismissed' });
      return { ...evidence, retryAfterMs: decision.retryAfterMs };
    }
    const target = reportTargetSchema.safeParse(snap.get('target'));
    // The schema refuses ids Firestore reserves, so a bad target is recorded, never read (which would throw).
    const evidence = target.success ? await gather(firestore, tx, target.data, reporter) : unavailableEvidence('the report target is malformed');
    writeDecision(tx, bucket, decision);
    const status: unknown = snap.get('status');
    tx.update(ref, { evidence: { ...evidence, capturedAt: FieldValue.serverTimestamp() }, status: status ?? 'open' });
    return { ...evidence, retryAfterMs: null };
  });
  if (outcome === 'duplicate') logs.reportAlreadyCaptured({ reportId, eventId });
  else if (outcome !== 'gone' && outcome.retryAfterMs !== null) logs.reportRateLimited({ reportId, eventId, retryAfterMs: outcome.retryAfterMs });
  else if (outcome !== 'gone') logs.reportEvidenceCaptured({ reportId, eventId, available: outcome.available, durationMs: Date.now() - started });
}

async function gather(firestore: Firestore, tx: Transaction, target: ReportTarget, reporterId: string): Promise<EvidenceDraft> {
  if (target.type === 'user') {
    const profile = await tx.get(firestore.doc(paths.user(target.uid)));
    if (!profile.exists) return unavailableEvidence('the user has no profile', target.uid);
    const snapshot = toEvidenceProfile(target.uid, profile.data());
    return { available: true, unavailableReason: null, reportedUid: target.uid, message: null, context: [], chat: null, profile: snapshot };
  }
  const [chat, message] = await Promise.all([
    tx.get(firestore.doc(paths.chat(target.chatId))),
    tx.get(firestore.doc(paths.message(target.chatId, target.messageId))),
  ]);
  if (!chat.exists) return unavailableEvidence('the chat does not exist');
  const memberIds: unknown = chat.get('memberIds');
  if (!Array.isArray(memberIds) || !memberIds.includes(reporterId)) {
    return unavailableEvidence('the reporter is not a member of the chat');
  }
  if (!message.exists) return unavailableEvidence('the message does not exist');
  const data = message.data() ?? {};
  const senderId = typeof data.senderId === 'string' ? data.senderId : null;
  const createdAt: unknown = data.createdAt;
  const [before, profile] = await Promise.all([
    createdAt instanceof Timestamp
      ? tx.get(
          firestore
            .collection(paths.messages(target.chatId))
            .where('createdAt', '<', createdAt)
            .orderBy('createdAt', 'desc')
            .limit(EVIDENCE_CONTEXT_MESSAGES),
        )
      : Promise.resolve(null),
    senderId ? tx.get(firestore.doc(paths.user(senderId))) : Promise.resolve(null),
  ]);
  return {
    available: true,
    unavailableReason: null,
    reportedUid: senderId,
    message: toEvidenceMessage(message.id, data),
    context: (before?.docs ?? []).map((doc) => toEvidenceMessage(doc.id, doc.data())).reverse(),
    chat: toEvidenceChat(chat.data() ?? {}),
    profile: senderId ? toEvidenceProfile(senderId, profile?.data()) : null,
  };
}
