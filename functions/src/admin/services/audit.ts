/**
 * The audit log: one entry per staff call with who, what, which target, when and how it ended.
 * Entries are written by the API, the callables and the command-line tool alike, and read back
 * newest first with equality filters on actor, action, target and outcome and a time range.
 */
import { FieldPath, FieldValue, Timestamp, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import {
  ADMIN_API_LIMITS,
  COLLECTIONS,
  auditEntrySchema,
  type AuditAction,
  type AuditEntry,
  type AuditEntryView,
  type AuditQuery,
} from '@natter/model';
import type { Actor, AdminDeps } from '../deps.ts';
import { cursorIdSchema, decodeCursor, encodeCursor, timestampTupleSchema } from '../cursor.ts';
import { isoOrNull, toJsonObject } from './json.ts';

export type AuditDetails = AuditEntry['details'];

export interface AuditRecord {
  actor: Actor;
  action: AuditAction;
  targetType: AuditEntry['targetType'];
  targetId: string;
  outcome: AuditEntry['outcome'];
  status: number;
  error: string | null;
  details: AuditDetails;
}

export async function recordAudit({ db }: Pick<AdminDeps, 'db'>, record: AuditRecord): Promise<void> {
  const entry: Omit<AuditEntry, 'at'> & { at: FieldValue } = {
    actorUid: record.actor.uid,
    actorRole: record.actor.role,
    via: record.actor.via,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId.slice(0, 260),
    at: FieldValue.serverTimestamp(),
    outcome: record.outcome,
    status: record.status,
    error: record.error,
    requestId: record.actor.requestId,
    details: record.details,
  };
  await db.collection(COLLECTIONS.auditLog).add(entry);
}

const auditCursorSchema = z.strictObject({ at: timestampTupleSchema, id: cursorIdSchema });

export async function queryAudit(
  { db }: Pick<AdminDeps, 'db'>,
  query: AuditQuery,
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const limit = query.limit ?? ADMIN_API_LIMITS.defaultPageSize;
  let q: Query = db.collection(COLLECTIONS.auditLog);
  if (query.actor) q = q.where('actorUid', '==', query.actor);
  if (query.action) q = q.where('action', '==', query.action);
  if (query.target) q = q.where('targetId', '==', query.target);
  if (query.outcome) q = q.where('outcome', '==', query.outcome);
  if (query.from) q = q.where('at', '>=', Timestamp.fromMillis(Date.parse(query.from)));
  if (query.to) q = q.where('at', '<=', Timestamp.fromMillis(Date.parse(query.to)));
  q = q.orderBy('at', 'desc').orderBy(FieldPath.documentId(), 'desc');
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, auditCursorSchema);
    q = q.startAfter(new Timestamp(cursor.at[0], cursor.at[1]), cursor.id);
  }
  const snap = await q.limit(limit + 1).get();
  const docs = snap.docs.slice(0, limit);
  const last = docs[docs.length - 1];
  const lastAt = last?.get('at') as unknown;
  const nextCursor =
    snap.size > limit && last && lastAt instanceof Timestamp
      ? encodeCursor({ at: [lastAt.seconds, lastAt.nanoseconds], id: last.id })
      : null;
  return {
    // Only functions write the log, so every entry parses; anything else would be skipped, not guessed at.
    entries: docs.flatMap((doc) => {
      const parsed = auditEntrySchema.safeParse(doc.data());
      if (!parsed.success) return [];
      const { at, details, ...rest } = parsed.data;
      return [{ id: doc.id, ...rest, at: isoOrNull(at), details: toJsonObject(details) }];
    }),
    nextCursor,
  };
}
