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
};
