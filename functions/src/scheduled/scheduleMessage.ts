/**
 * Callable `scheduleMessage` `{chatId, text, sendAt}` -> `{id}`: stores `scheduledMessages/{id}`
 * (pending) and enqueues its task for `sendAt`. If the task cannot be enqueued the document is
 * removed again, so nothing is left half-written.
 */
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { Refusal } from '../lib/refusal.ts';
import { COLLECTIONS, banSchema, chatSchema, paths, type CallableInput, type ScheduledMessage } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { enqueueTask, type Enqueue } from '../lib/tasks.ts';
import { checkPostable, checkSendAt, isBanActive } from './planSchedule.ts';
import { scheduledQueue, scheduledTaskId } from './queue.ts';

export interface ScheduleDeps {
  now(): number;
  enqueue: Enqueue;
}

export async function handleScheduleMessage(
  input: CallableInput<'scheduleMessage'>,
  context: AuthedContext,
  deps: ScheduleDeps = { now: Date.now, enqueue: enqueueTask },
): Promise<{ id: string }> {
  const now = deps.now();
  const sendAt = checkSendAt(input.sendAt, now);
  if (!sendAt.ok) throw new Refusal('invalid-argument', sendAt.message, { fields: [{ field: 'sendAt', message: sendAt.message }] });

  const firestore = db();
  const [chatSnap, banSnap] = await Promise.all([
    firestore.doc(paths.chat(input.chatId)).get(),
    firestore.doc(paths.ban(context.uid)).get(),
  ]);
  const parsedChat = chatSchema.safeParse(chatSnap.data());
  // A missing chat and a chat the caller is not in look the same, so chat ids cannot be probed.
  const chat = parsedChat.success ? parsedChat.data : null;
  const other = chat?.type === 'direct' ? chat.memberIds.find((uid) => uid !== context.uid) : undefined;
  const blockSnap = other && chat?.memberIds.includes(context.uid) ? await firestore.doc(paths.block(other, context.uid)).get() : null;
  const ban = banSchema.safeParse(banSnap.data());
  const problem = checkPostable({
    chat,
    senderId: context.uid,
    banned: banSnap.exists && (!ban.success || isBanActive(ban.data, now)),
    blockedByOther: blockSnap?.exists ?? false,
  });
  if (problem) throw new Refusal(problem.code, problem.reason);

  const ref = firestore.collection(COLLECTIONS.scheduledMessages).doc();
  const doc: Omit<ScheduledMessage, 'createdAt'> = {
    senderId: context.uid,
    chatId: input.chatId,
    text: input.text,
    sendAt: Timestamp.fromMillis(sendAt.sendAtMs),
    status: 'pending',
  };
  await ref.create({ ...doc, createdAt: FieldValue.serverTimestamp() });
  const task = { scheduledId: ref.id, generation: 0 };
  try {
    await deps.enqueue(scheduledQueue.name, task, { id: scheduledTaskId(task), scheduleTime: new Date(sendAt.sendAtMs) });
  } catch {
    await ref.delete();
    throw new Refusal('unavailable', 'The message could not be scheduled; try again.');
  }
  logs.scheduledMessageCreated({ function: 'scheduleMessage', eventId: ref.id, scheduledId: ref.id, chatId: input.chatId, sendAt: new Date(sendAt.sendAtMs).toISOString() });
  return { id: ref.id };
}
