/**
 * Callable `cancelScheduledMessage` `{id}` -> `{}`: a pending message becomes `cancelled` and is
 * never posted (the worker posts only `pending` ones, in the same transaction that marks them sent).
 * Cancelling twice is fine; cancelling one already sent or failed is `failed-precondition`.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { Refusal } from '../lib/refusal.ts';
import { paths, type CallableInput } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { AuthedContext } from '../lib/callable.ts';
import { logs } from '../lib/logs.ts';
import { deleteTask } from '../lib/tasks.ts';
import { scheduledQueue, scheduledTaskId } from './queue.ts';

export async function handleCancelScheduledMessage(input: CallableInput<'cancelScheduledMessage'>, context: AuthedContext): Promise<Record<string, never>> {
  const firestore = db();
  const ref = firestore.doc(paths.scheduledMessage(input.id));
  const chatId = await firestore.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    // Someone else's schedule looks exactly like none at all.
    if (!snap.exists || snap.get('senderId') !== context.uid) throw new Refusal('not-found', 'No such scheduled message.');
    const status: unknown = snap.get('status');
    if (status === 'cancelled') return null;
    if (status === 'sent') throw new Refusal('failed-precondition', 'The message was already sent.');
    if (status !== 'pending') throw new Refusal('failed-precondition', 'The message can no longer be cancelled.');
    tx.update(ref, { status: 'cancelled', cancelledAt: FieldValue.serverTimestamp() });
    return String(snap.get('chatId'));
  });
  if (chatId !== null) {
    logs.scheduledMessageCancelled({ function: 'cancelScheduledMessage', eventId: input.id, scheduledId: input.id, chatId });
    // Saves a useless dispatch; the worker would find it cancelled anyway.
    await deleteTask(scheduledQueue.name, scheduledTaskId({ scheduledId: input.id, generation: 0 })).catch(() => undefined);
  }
  return {};
}
