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
};
