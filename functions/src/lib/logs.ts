/**
 * Structured logs: one function per event, so call sites read like prose and tests can tell which
 * event happened. Fields are JSON; nothing secret (codes, tokens, links, emails) is ever passed in.
 */
import { logger } from 'firebase-functions/v2';

export const logs = {
  messageFannedOut(fields: { chatId: string; messageId: string; seq: number; eventId: string; durationMs: number; writes: number }) {
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
  // Sign-in flows: `account` is a pseudonymous prefix of the keyed address hash, never the address.
  authEmailSent(fields: { kind: string; account: string; durationMs: number }) {
    logger.info('auth email sent', { event: 'auth_email_sent', ...fields });
  },
  authEmailFailed(fields: { kind: string; account: string; reason: string }) {
    logger.error('auth email could not be sent', { event: 'auth_email_failed', ...fields });
  },
  authRateLimited(fields: { callable: string; bucket: string; retryAfterMs: number }) {
    logger.warn('auth call rate limited', { event: 'auth_rate_limited', ...fields });
  },
  emailCodeRejected(fields: { account: string; reason: 'missing' | 'expired' | 'locked' | 'wrong' }) {
    logger.info('email code rejected', { event: 'email_code_rejected', ...fields });
  },
  emailCodeAccepted(fields: { uid: string; created: boolean }) {
    logger.info('email code accepted', { event: 'email_code_accepted', ...fields });
  },
  // User lifecycle.
  userDocsCreated(fields: { uid: string; profile: boolean; account: boolean }) {
    logger.info('user documents created', { event: 'user_docs_created', ...fields });
  },
  userDataDeleted(fields: { uid: string; chats: number; mediaMessages: number; docs: number; rtdb: boolean; storage: boolean; durationMs: number }) {
    logger.info('user data deleted', { event: 'user_data_deleted', ...fields });
  },

  // Messaging engine (issue 4): message updates, chats and groups, the RTDB mirror, presence.
  messagePreviewUpdated(fields: { chatId: string; messageId: string; eventId: string; reason: string }) {
    logger.info('chat preview follows an edited or deleted last message', { event: 'message_preview_updated', ...fields });
  },
  messageUpdateNeutralised(fields: { chatId: string; messageId: string; eventId: string; reason: string }) {
    logger.warn('updated message cleared', { event: 'message_update_neutralised', ...fields });
  },
  directChatOpened(fields: { chatId: string; uid: string; created: boolean; durationMs: number }) {
    logger.info('direct chat opened', { event: 'direct_chat_opened', ...fields });
  },
  chatChanged(fields: { action: string; chatId: string; actorId: string; targetCount: number; seq: number; durationMs: number }) {
    logger.info('chat changed', { event: 'chat_changed', ...fields });
  },
  chatUnchanged(fields: { action: string; chatId: string; actorId: string }) {
    logger.info('chat already in the requested state', { event: 'chat_unchanged', ...fields });
  },
  chatDeleted(fields: { chatId: string; actorId: string }) {
    logger.info('last member left; chat deleted', { event: 'chat_deleted', ...fields });
  },
  inviteLinkCreated(fields: { chatId: string; actorId: string; reused: boolean }) {
    logger.info('invite link ready', { event: 'invite_link_created', ...fields });
  },
  inviteLinksRevoked(fields: { chatId: string; actorId: string; revoked: number }) {
    logger.info('invite links revoked', { event: 'invite_links_revoked', ...fields });
  },
  membershipMirrorSkipped(fields: { chatId: string; added: number; removed: number }) {
    logger.info('RTDB /chatMembers mirror not written: no Realtime Database here (recorded only)', {
      event: 'membership_mirror_skipped',
      ...fields,
    });
  },
  membershipMirrorFailed(fields: { chatId: string; added: number; removed: number; error: string }) {
    logger.error('RTDB /chatMembers mirror write failed', { event: 'membership_mirror_failed', ...fields });
  },
  presenceApplied(fields: { uid: string; state: string; eventId: string; lastSeenShown: boolean }) {
    logger.info('presence mirrored to profile', { event: 'presence_applied', ...fields });
  },
  presenceStale(fields: { uid: string; eventId: string; lastChanged: number; watermark: number }) {
    logger.info('stale presence event dropped', { event: 'presence_stale', ...fields });
  },
  presenceIgnored(fields: { uid: string; eventId: string; reason: string }) {
    logger.info('presence event ignored', { event: 'presence_ignored', ...fields });
  },
  lastSeenVisibilityChanged(fields: { uid: string; lastSeen: string; eventId: string }) {
    logger.info('last-seen visibility follows the privacy setting', { event: 'last_seen_visibility_changed', ...fields });
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
