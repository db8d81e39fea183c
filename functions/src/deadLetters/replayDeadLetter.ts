/**
 * Re-enqueues a dead letter's task on its queue, idempotently: the replay's task id is derived from
 * the dead letter and its replay count (`<key>-r<n>`), so running the command twice, or twice at
 * once, enqueues one task; a dead letter already replayed is left alone until it fails again.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { COLLECTIONS, deadLetterSchema, paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { enqueueTask, type Enqueue } from '../lib/tasks.ts';
import { QUEUES } from './queues.ts';

export type ReplayOutcome =
  | { kind: 'replayed'; id: string; taskId: string; duplicate: boolean }
  | { kind: 'already-replayed'; id: string; taskId: string | null }
  | { kind: 'not-found'; id: string };

export async function replayDeadLetter(id: string, enqueue: Enqueue = enqueueTask): Promise<ReplayOutcome> {
  const ref = db().doc(paths.deadLetter(id));
  const snap = await ref.get();
  if (!snap.exists) return { kind: 'not-found', id };
  const letter = deadLetterSchema.parse(snap.data());
  if (letter.status !== 'open') return { kind: 'already-replayed', id, taskId: letter.replayTaskId };
  const queue = QUEUES[letter.queue];
  if (!queue) throw new Error(`dead letter ${id} names an unknown queue: ${letter.queue}`);
  const data = queue.schema.parse(letter.data);

  const replays = letter.replays + 1;
  const taskId = `${letter.key}-r${replays}`;
  await queue.beforeReplay?.(data);
  const outcome = await enqueue(queue.name, data, { id: taskId });
  await db().runTransaction(async (tx) => {
    const current = deadLetterSchema.parse((await tx.get(ref)).data());
    if (current.status !== 'open' || current.replays !== letter.replays) return;
    tx.update(ref, { status: 'replayed', replays, replayTaskId: taskId, replayedAt: FieldValue.serverTimestamp() });
  });
  logs.deadLetterReplayed({ function: 'deadletters', eventId: taskId, queue: queue.name, deadLetterId: id, taskId, replays });
  return { kind: 'replayed', id, taskId, duplicate: outcome === 'duplicate' };
}

/** Replays every open dead letter, in pages. */
export async function replayAllDeadLetters(enqueue: Enqueue = enqueueTask): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  let last: string | null = null;
  for (;;) {
    let query = db().collection(COLLECTIONS.deadLetters).where('status', '==', 'open').orderBy('__name__').limit(100);
    if (last) query = query.startAfter(last);
    const page = await query.get();
    for (const doc of page.docs) outcomes.push(await replayDeadLetter(doc.id, enqueue));
    if (page.size < 100) return outcomes;
    last = page.docs[page.docs.length - 1]?.id ?? null;
  }
}

export async function listDeadLetters(status?: 'open' | 'replayed') {
  const base = db().collection(COLLECTIONS.deadLetters);
  const snap = await (status ? base.where('status', '==', status) : base).limit(500).get();
  return snap.docs.map((doc) => ({ id: doc.id, ...deadLetterSchema.parse(doc.data()) }));
}
