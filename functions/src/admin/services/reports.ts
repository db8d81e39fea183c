/**
 * Reports for staff: list by status (newest first), read one with its evidence snapshot, and
 * resolve it. Resolving claims the report in a transaction (so two moderators cannot both act),
 * then acts; if the action fails the claim is released and the report is open again.
 */
import { FieldPath, FieldValue, Timestamp, type DocumentSnapshot, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import {
  ADMIN_API_LIMITS,
  COLLECTIONS,
  paths,
  reportTargetSchema,
  storagePaths,
  type ReportStatus,
  type ReportView,
  type ResolveReportBody,
} from '@natter/model';
import type { Actor, AdminDeps } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { cursorIdSchema, decodeCursor, encodeCursor, timestampTupleSchema } from '../cursor.ts';
import { banUser } from './bans.ts';
import { isoOrNull, toJsonObject } from './json.ts';

const reportCursorSchema = z.strictObject({ at: timestampTupleSchema, id: cursorIdSchema });

export function toReportView(snap: DocumentSnapshot): ReportView {
  const data = snap.data() ?? {};
  return {
    id: snap.id,
    reporterId: typeof data.reporterId === 'string' ? data.reporterId : null,
    target: typeof data.target === 'object' && data.target !== null ? toJsonObject(data.target) : null,
    reason: typeof data.reason === 'string' ? data.reason : null,
    status: typeof data.status === 'string' ? data.status : 'open',
    createdAt: isoOrNull(data.createdAt),
    evidence: typeof data.evidence === 'object' && data.evidence !== null ? toJsonObject(data.evidence) : null,
    resolution: typeof data.resolution === 'object' && data.resolution !== null ? toJsonObject(data.resolution) : null,
  };
}

export async function listReports(
  deps: AdminDeps,
  query: { status?: ReportStatus | undefined; limit?: number | undefined; cursor?: string | undefined },
): Promise<{ reports: ReportView[]; nextCursor: string | null }> {
  const limit = query.limit ?? ADMIN_API_LIMITS.defaultPageSize;
  let q: Query = deps.db
    .collection(COLLECTIONS.reports)
    .where('status', '==', query.status ?? 'open')
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc');
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, reportCursorSchema);
    q = q.startAfter(new Timestamp(cursor.at[0], cursor.at[1]), cursor.id);
  }
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  const lastAt: unknown = last?.get('createdAt');
  return {
    reports: docs.map(toReportView),
    nextCursor:
      snap.size > limit && last && lastAt instanceof Timestamp
        ? encodeCursor({ at: [lastAt.seconds, lastAt.nanoseconds], id: last.id })
        : null,
  };
}

export async function getReport(deps: AdminDeps, reportId: string): Promise<ReportView> {
  const snap = await deps.db.doc(paths.report(reportId)).get();
  if (!snap.exists) throw new ServiceError('not-found', `No report has the id '${reportId}'.`, { field: 'reportId' });
  return toReportView(snap);
}

export async function resolveReport(deps: AdminDeps, actor: Actor, reportId: string, body: ResolveReportBody): Promise<ReportView> {
  const ref = deps.db.doc(paths.report(reportId));
  const claimed = await deps.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw new ServiceError('not-found', `No report has the id '${reportId}'.`, { field: 'reportId' });
    const status: unknown = snap.get('status');
    if (status !== undefined && status !== 'open') {
      throw new ServiceError('conflict', `The report is already ${typeof status === 'string' ? status : 'resolved'}.`);
    }
    const target = reportTargetSchema.safeParse(snap.get('target'));
    if (body.action === 'deleteMessage' && target.data?.type !== 'message') {
      throw new ServiceError('invalid', 'deleteMessage needs a report that names a message', { field: 'action' });
    }
    tx.update(ref, {
      status: body.action === 'dismiss' ? 'dismissed' : 'actioned',
      resolution: { action: body.action, by: actor.uid ?? actor.via, at: FieldValue.serverTimestamp(), note: body.note || null },
    });
    return { target: target.success ? target.data : null, reportedUid: snap.get('evidence.reportedUid') as unknown };
  });

  try {
    if (body.action === 'deleteMessage' && claimed.target?.type === 'message') {
      const { chatId, messageId } = claimed.target;
      const message = deps.db.doc(paths.message(chatId, messageId));
      if ((await message.get()).exists) await message.update({ text: '', media: null, deletedForEveryone: true });
      await deps.media.deletePrefix(`${storagePaths.chatMediaPrefix(chatId)}${messageId}/`);
    }
    if (body.action === 'banUser') {
      const uid = await reportedUid(deps, claimed);
      if (!uid) throw new ServiceError('invalid', 'the report does not name a user who can be banned', { field: 'action' });
      await banUser(deps, actor, { uid, reason: body.reason, until: body.until });
    }
  } catch (error) {
    await ref.update({ status: 'open', resolution: FieldValue.delete() });
    throw error;
  }
  return toReportView(await ref.get());
}

async function reportedUid(
  deps: AdminDeps,
  claimed: { target: z.infer<typeof reportTargetSchema> | null; reportedUid: unknown },
): Promise<string | null> {
  if (typeof claimed.reportedUid === 'string') return claimed.reportedUid;
  if (claimed.target?.type === 'user') return claimed.target.uid;
  if (claimed.target?.type === 'message') {
    const sender: unknown = (await deps.db.doc(paths.message(claimed.target.chatId, claimed.target.messageId)).get()).get('senderId');
    return typeof sender === 'string' ? sender : null;
  }
  return null;
}
