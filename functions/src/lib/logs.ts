/**
 * Structured logs: one function per event, so call sites read like prose and tests can tell which
 * event happened. Fields are JSON; nothing secret (codes, tokens, links, emails) is ever passed in.
 */
import * as logger from 'firebase-functions/logger';

export const logs = {
  messageFannedOut(fields: { chatId: string; messageId: string; eventId: string; durationMs: number; writes: number }) {
    logger.info('message handled', { event: 'message_fanned_out', ...fields });
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
  searchKeyDerived(fields: { uid: string; eventId: string }) {
    logger.info('profile search key derived from a new display name', { event: 'search_key_derived', ...fields });
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
  reportRateLimited(fields: { reportId: string; eventId: string; retryAfterMs: number }) {
    logger.warn('report dismissed: reporter over the report rate limit', { event: 'report_rate_limited', ...fields });
  },
  reportAlreadyCaptured(fields: { reportId: string; eventId: string }) {
    logger.info('report evidence already captured', { event: 'report_duplicate_delivery', ...fields });
  },
  expiredBansLifted(fields: { count: number }) {
    logger.info('expired bans lifted', { event: 'expired_bans_lifted', ...fields });
  },


  // Background work (issue 6). Every entry carries `function` and `eventId`; see docs/operations.md
  // for the log-based metrics and alerts built on these `event` names.
  functionFailed(fields: Base & { errorName: string; errorMessage: string }) {
    logger.error('function failed', { event: 'function_failed', ...fields });
  },
  taskRetryLater(fields: Base & { queue: string; attempt: number; reason: string }) {
    logger.info('task will be retried', { event: 'task_retry_later', ...fields });
  },
  taskInvalidPayload(fields: Base & { queue: string; reason: string }) {
    logger.error('task payload invalid', { event: 'task_invalid_payload', ...fields });
  },
  deadLetterRecorded(fields: Base & { queue: string; deadLetterId: string; attempts: number; errorName: string }) {
    logger.error('task exhausted its attempts: dead letter recorded', { event: 'dead_letter_recorded', ...fields });
  },
  deadLetterReplayed(fields: Base & { queue: string; deadLetterId: string; taskId: string; replays: number }) {
    logger.info('dead letter re-enqueued', { event: 'dead_letter_replayed', ...fields });
  },
  pushEnqueued(fields: { chatId: string; messageId: string; taskId: string; duplicate: boolean }) {
    logger.debug('push notification task enqueued', { event: 'push_enqueued', ...fields });
  },
  pushJobFinished(fields: Base & { chatId: string; messageId: string; messages: number; status: string; recipients: number; devices: number; sent: number; invalidTokensRemoved: number; failed: number; transientFailures: number; reads: number; durationMs: number }) {
    const level = fields.failed + fields.transientFailures > 0 ? 'warn' : 'info';
    logger[level]('push notifications sent', { event: 'push_job_finished', ...fields });
  },
  pushJobSkipped(fields: Base & { chatId: string; reason: string }) {
    logger.info('push notifications not needed', { event: 'push_job_skipped', ...fields });
  },
  pushJobBusy(fields: Base & { chatId: string; state: string }) {
    logger.info('push job already handled or in progress elsewhere', { event: 'push_job_busy', ...fields });
  },
  presenceUnavailable(fields: Base & { reason: string }) {
    logger.warn('presence could not be read; pushing to everyone eligible', { event: 'presence_unavailable', ...fields });
  },
  scheduledMessageCreated(fields: Base & { scheduledId: string; chatId: string; sendAt: string }) {
    logger.info('message scheduled', { event: 'scheduled_message_created', ...fields });
  },
  scheduledMessageCancelled(fields: Base & { scheduledId: string; chatId: string }) {
    logger.info('scheduled message cancelled', { event: 'scheduled_message_cancelled', ...fields });
  },
  scheduledMessagePosted(fields: Base & { scheduledId: string; chatId: string; messageId: string; latenessMs: number; durationMs: number }) {
    logger.info('scheduled message posted', { event: 'scheduled_message_posted', ...fields });
  },
  scheduledMessageNotDue(fields: Base & { scheduledId: string; chatId: string; dueInMs: number; requeued: boolean }) {
    logger.info('scheduled message not due yet', { event: 'scheduled_message_not_due', ...fields });
  },
  scheduledMessageSkipped(fields: Base & { scheduledId: string; status: string }) {
    logger.info('scheduled message already settled', { event: 'scheduled_message_skipped', ...fields });
  },
  scheduledMessageFailed(fields: Base & { scheduledId: string; chatId: string; reason: string }) {
    logger.warn('scheduled message could not be posted', { event: 'scheduled_message_failed', ...fields });
  },
  cronFinished(fields: Base & { runId: string; resumed: boolean; pages: number; durationMs: number; counts: Record<string, number> }) {
    logger.info('cron run finished', { event: 'cron_finished', ...fields });
  },
  cronBusy(fields: Base & { runId: string }) {
    logger.info('cron run already in progress elsewhere', { event: 'cron_busy', ...fields });
  },
  cronSkipped(fields: Base & { reason: string }) {
    logger.info('cron run skipped', { event: 'cron_skipped', ...fields });
  },
};

/** Fields every background log entry carries. */
interface Base {
  function: string;
  eventId: string;
}
