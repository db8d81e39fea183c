/**
 * Structured logs: one function per event, so call sites read like prose and tests can tell which
 * event happened. Fields are JSON; nothing secret (codes, tokens, links, emails) is ever passed in.
 */
import { logger } from 'firebase-functions/v2';

export const logs = {
  messageFannedOut(fields: { chatId: string; messageId: string; seq: number; eventId: string; durationMs: number }) {
    logger.info('message fanned out', { event: 'message_fanned_out', ...fields });
  },
  messageAlreadyProcessed(fields: { chatId: string; messageId: string; eventId: string }) {
    logger.info('message already processed', { event: 'message_duplicate_delivery', ...fields });
  },
  messageRejected(fields: { chatId: string; messageId: string; eventId: string; reason: string }) {
    logger.warn('message rejected and neutralised', { event: 'message_rejected', ...fields });
  },
  messageOrphaned(fields: { chatId: string; messageId: string; eventId: string }) {
    logger.warn('message in a chat that does not exist', { event: 'message_orphaned', ...fields });
  },
  // Admin API, admin callables and moderation (issue 7).
  adminRequestFailed(fields: { requestId: string; method: string; route: string; error: string }) {
    logger.error('admin request failed unexpectedly', { event: 'admin_request_failed', ...fields });
  },
  adminRateLimited(fields: { uid: string; via: string; retryAfterSeconds: number }) {
    logger.warn('staff caller rate limited', { event: 'admin_rate_limited', ...fields });
  },
  auditWriteFailed(fields: { action: string; targetId: string; requestId: string; error: string }) {
    logger.error('audit entry could not be written', { event: 'audit_write_failed', ...fields });
  },
  mediaDeletionSkipped(fields: { prefix: string; reason: string }) {
    logger.info('media deletion skipped', { event: 'media_deletion_skipped', ...fields });
  },
  reportEvidenceCaptured(fields: { reportId: string; eventId: string; available: boolean; durationMs: number }) {
    logger.info('report evidence captured', { event: 'report_evidence_captured', ...fields });
  },
  reportAlreadyCaptured(fields: { reportId: string; eventId: string }) {
    logger.info('report evidence already captured', { event: 'report_duplicate_delivery', ...fields });
  },
  expiredBansLifted(fields: { count: number }) {
    logger.info('expired bans lifted', { event: 'expired_bans_lifted', ...fields });
  },
};
