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
};
