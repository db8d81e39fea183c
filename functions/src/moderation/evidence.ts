/**
 * Pure shaping of report evidence: which fields of a message and a profile the snapshot keeps.
 * No Firebase imports beyond the timestamp shape, so it is unit-tested alone.
 */
import type { Evidence, EvidenceMessage, TimestampLike } from '@natter/model';

function isTimestamp(value: unknown): value is TimestampLike {
  return typeof value === 'object' && value !== null && typeof (value as TimestampLike).toMillis === 'function';
}

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

export function toEvidenceMessage(id: string, data: Record<string, unknown>): EvidenceMessage {
  return {
    id,
    senderId: str(data.senderId),
    type: str(data.type, 'text'),
    text: str(data.text),
    media: typeof data.media === 'object' && data.media !== null ? { ...(data.media as Record<string, unknown>) } : null,
    createdAt: isTimestamp(data.createdAt) ? data.createdAt : null,
    editedAt: isTimestamp(data.editedAt) ? data.editedAt : null,
    deletedForEveryone: data.deletedForEveryone === true,
    seq: typeof data.seq === 'number' && Number.isInteger(data.seq) ? data.seq : null,
  };
}

export function toEvidenceProfile(uid: string, data: Record<string, unknown> | undefined): Evidence['profile'] {
  if (!data) return null;
  return { uid, displayName: str(data.displayName), photoURL: typeof data.photoURL === 'string' ? data.photoURL : null, about: str(data.about) };
}

export function toEvidenceChat(data: Record<string, unknown>): NonNullable<Evidence['chat']> {
  return {
    type: str(data.type),
    name: typeof data.name === 'string' ? data.name : null,
    memberCount: Array.isArray(data.memberIds) ? data.memberIds.length : 0,
  };
}

/** Evidence without a capture time (the trigger adds the server timestamp). */
export type EvidenceDraft = Omit<Evidence, 'capturedAt'>;

export function unavailableEvidence(reason: string, reportedUid: string | null = null): EvidenceDraft {
  return { available: false, unavailableReason: reason, reportedUid, message: null, context: [], chat: null, profile: null };
}
