/**
 * Posts a scheduled message as its sender, exactly once and never before `sendAt`. One transaction
 * reads the scheduled document, re-checks that the sender may still post, creates the message
 * under a deterministic id (`sched-{id}`, the shape a client writes, so the message trigger
 * sequences and fans it out) and marks the schedule `sent`; concurrent runs serialise on it.
 * A task that arrives early (the Tasks emulator ignores schedule times) asks for a retry, and on
 * its last attempt re-enqueues the next generation for `sendAt` instead.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { banSchema, chatSchema, paths, scheduledMessageId, scheduledMessageSchema, type NewMessage } from '@natter/model';
import { db } from '../lib/admin.ts';
import { RetryLater } from '../lib/errors.ts';
import { logs } from '../lib/logs.ts';
import { enqueueTask, type Enqueue } from '../lib/tasks.ts';
import type { TaskRun } from '../lib/taskWorker.ts';
import { checkPostable, isBanActive } from './planSchedule.ts';
import { scheduledQueue, scheduledTaskId, type ScheduledTask } from './queue.ts';

export interface ScheduledDeps {
  now(): number;
  enqueue: Enqueue;
}

export type PostOutcome =
  | { kind: 'missing' }
  | { kind: 'settled'; status: string }
  | { kind: 'early'; dueInMs: number; sendAtMs: number; chatId: string }
  | { kind: 'failed'; reason: string; chatId: string }
  | { kind: 'posted'; chatId: string; messageId: string; sendAtMs: number };

export async function handlePostScheduledMessage(
  task: ScheduledTask,
  run: TaskRun,
  deps: ScheduledDeps = { now: Date.now, enqueue: enqueueTask },
): Promise<PostOutcome> {
  const started = Date.now();
  const firestore = db();
  const ref = firestore.doc(paths.scheduledMessage(task.scheduledId));
  const base = { function: run.function, eventId: run.taskId, scheduledId: task.scheduledId };

  const outcome = await firestore.runTransaction(async (tx): Promise<PostOutcome> => {
    const snap = await tx.get(ref);
    if (!snap.exists) return { kind: 'missing' };
    // A document that does not parse is a bug or damage: throwing retries, then dead-letters it.
    const scheduled = scheduledMessageSchema.parse(snap.data());
    if (scheduled.status !== 'pending') return { kind: 'settled', status: scheduled.status };
    const now = deps.now();
    const sendAtMs = scheduled.sendAt.toMillis();
    if (sendAtMs > now) return { kind: 'early', dueInMs: sendAtMs - now, sendAtMs, chatId: scheduled.chatId };

    const chatSnap = await tx.get(firestore.doc(paths.chat(scheduled.chatId)));
    const chat = chatSchema.safeParse(chatSnap.data());
    const room = chat.success ? chat.data : null;
    const other = room?.type === 'direct' ? room.memberIds.find((uid) => uid !== scheduled.senderId) : undefined;
    const [banSnap, blockSnap] = await Promise.all([
      tx.get(firestore.doc(paths.ban(scheduled.senderId))),
      other ? tx.get(firestore.doc(paths.block(other, scheduled.senderId))) : Promise.resolve(null),
    ]);
    const ban = banSchema.safeParse(banSnap.data());
    const problem = checkPostable({
      chat: room,
      senderId: scheduled.senderId,
      banned: banSnap.exists && (!ban.success || isBanActive(ban.data, now)),
      blockedByOther: blockSnap?.exists ?? false,
    });
    if (problem) {
      tx.update(ref, { status: 'failed', failureReason: problem.reason, failedAt: FieldValue.serverTimestamp() });
      return { kind: 'failed', reason: problem.reason, chatId: scheduled.chatId };
    }

    const messageId = scheduledMessageId(task.scheduledId);
    const message: NewMessage = { senderId: scheduled.senderId, type: 'text', text: scheduled.text };
    tx.create(firestore.doc(paths.message(scheduled.chatId, messageId)), { ...message, createdAt: FieldValue.serverTimestamp() });
    tx.update(ref, { status: 'sent', sentAt: FieldValue.serverTimestamp(), messageId });
    return { kind: 'posted', chatId: scheduled.chatId, messageId, sendAtMs };
  });

  switch (outcome.kind) {
    case 'posted':
      logs.scheduledMessagePosted({ ...base, chatId: outcome.chatId, messageId: outcome.messageId, latenessMs: deps.now() - outcome.sendAtMs, durationMs: Date.now() - started });
      break;
    case 'failed':
      logs.scheduledMessageFailed({ ...base, chatId: outcome.chatId, reason: outcome.reason });
      break;
    case 'settled':
      logs.scheduledMessageSkipped({ ...base, status: outcome.status });
      break;
    case 'missing':
      logs.scheduledMessageSkipped({ ...base, status: 'missing' });
      break;
    case 'early': {
      logs.scheduledMessageNotDue({ ...base, chatId: outcome.chatId, dueInMs: outcome.dueInMs, requeued: run.isLastAttempt });
      if (!run.isLastAttempt) throw new RetryLater(`due in ${outcome.dueInMs} ms`);
      const next = { scheduledId: task.scheduledId, generation: task.generation + 1 };
      await deps.enqueue(scheduledQueue.name, next, { id: scheduledTaskId(next), scheduleTime: new Date(outcome.sendAtMs) });
      break;
    }
  }
  return outcome;
}
