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
  pushJobFinished(fields: Base & { chatId: string; messageId: string; status: string; recipients: number; devices: number; sent: number; invalidTokensRemoved: number; failed: number; transientFailures: number; durationMs: number }) {
    const level = fields.failed + fields.transientFailures > 0 ? 'warn' : 'info';
    logger[level]('push notifications sent', { event: 'push_job_finished', ...fields });
  },
  pushJobSkipped(fields: Base & { chatId: string; messageId: string; reason: string }) {
    logger.info('push notifications not needed', { event: 'push_job_skipped', ...fields });
  },
  pushJobBusy(fields: Base & { chatId: string; messageId: string; state: string }) {
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
