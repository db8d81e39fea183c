/**
 * Notification jobs: one `jobs/{id}` document per sequenced message, handed to the push worker.
 * The id is a hash of the chat and message ids, so every delivery of the same message names the
 * same job, and it is valid as a Cloud Tasks task name when the worker moves to a task queue.
 */
import { createHash } from 'node:crypto';
import type { NotificationJob, TimestampLike } from '@natter/model';

export function notifyJobId(chatId: string, messageId: string): string {
  return `notify-${createHash('sha256').update(`${chatId}/${messageId}`).digest('hex').slice(0, 40)}`;
}

export function notificationJob(input: {
  chatId: string;
  messageId: string;
  senderId: string;
  seq: number;
  mentions: string[];
  createdAt: TimestampLike;
}): NotificationJob {
  return { kind: 'notifyMessage', status: 'pending', attempts: 0, ...input };
}
