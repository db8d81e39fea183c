/**
 * Sends the push notifications for one message, exactly once per recipient device, whatever the
 * number of duplicate or concurrent task runs. As in the Trigger-Email extension, the job document
 * `jobs/push-<hash>` is a state machine (PENDING -> PROCESSING with a lease -> SUCCESS/SKIPPED, or
 * back to PENDING/ERROR for a retry) changed only in transactions; only the lease holder sends.
 * Each device that got its push is marked in `jobs/push-<hash>/deliveries/{token hash}` right after
 * its FCM batch, so a retry after a crash sends only to devices not yet marked. The one window
 * left is a crash between FCM accepting a batch and the marker write, which would resend that batch.
 */
import { FieldValue, Timestamp, type DocumentReference, type DocumentSnapshot, type Firestore, type WriteBatch } from 'firebase-admin/firestore';
import { chatSchema, deviceInputSchema, messageSchema, paths, type Chat, type Message } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { randomId, stableKey } from '../lib/runtime.ts';
import type { TaskRun } from '../lib/taskWorker.ts';
import {
  chunk,
  classifyPushError,
  notificationContent,
  planRecipients,
  pushMessage,
  uniqueTargets,
  type PushTarget,
} from './planPush.ts';
import { defaultPushSender, type PushSender } from './pushSender.ts';
import { rtdbPresence, type PresenceReader } from './presence.ts';
import { pushJobId, type PushTask } from './queue.ts';

export interface PushDeps {
  sender: PushSender;
  presence: PresenceReader | null;
  now(): number;
  /** Longer than the worker's timeout, so a live holder never loses its lease. */
  leaseMs: number;
}

export function defaultPushDeps(): PushDeps {
  return { sender: defaultPushSender(), presence: rtdbPresence(), now: Date.now, leaseMs: 5 * 60_000 };
}

export type PushOutcome =
  | { kind: 'done' }
  | { kind: 'busy' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'sent'; status: 'SUCCESS' | 'PENDING' | 'ERROR'; counts: PushCounts };

export interface PushCounts {
  recipients: number;
  devices: number;
  sent: number;
  invalidTokensRemoved: number;
  failed: number;
  transientFailures: number;
}

/** Job documents and delivery markers carry `expiresAt`; a Firestore TTL policy removes them after this. */
export const PUSH_JOB_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Parallel reads at a time when loading per-recipient device lists. */
const READ_CONCURRENCY = 25;
/** Firestore's limit of writes per batch. */
const BATCH_WRITES = 500;

export async function handleMessageNotifications(task: PushTask, run: TaskRun, deps: PushDeps = defaultPushDeps()): Promise<PushOutcome> {
  const started = Date.now();
  const firestore = db();
  const jobId = pushJobId(task);
  const jobRef = firestore.doc(paths.job(jobId));
  const owner = `${run.taskId}#${run.attempt}#${randomId()}`;
  const base = { function: run.function, eventId: run.taskId, chatId: task.chatId, messageId: task.messageId };

  const lease = await acquireLease(firestore, jobRef, task, run, owner, deps);
  if (lease !== 'acquired') {
    logs.pushJobBusy({ ...base, state: lease });
    return lease === 'finished' ? { kind: 'done' } : { kind: 'busy' };
  }

  try {
    const loaded = await loadMessage(firestore, task);
    if (loaded.kind === 'skip') {
      await settle(firestore, jobRef, owner, deps, { status: 'SKIPPED', reason: loaded.reason });
      logs.pushJobSkipped({ ...base, reason: loaded.reason });
      return { kind: 'skipped', reason: loaded.reason };
    }
    const { chat, message, senderName } = loaded;

    const plan = await findRecipients(firestore, task.chatId, chat, message.senderId, deps, base);
    const targets = uniqueTargets(await loadDevices(firestore, plan));
    const delivered = await deliveredKeys(firestore, jobId);
    const pending = targets.filter((target) => !delivered.has(tokenKey(target.token)));
    const content = notificationContent(chat, message, senderName);
    // `sent` counts this run's pushes; devices marked by an earlier run are not sent again.
    const counts: PushCounts = { recipients: plan.length, devices: targets.length, sent: 0, invalidTokensRemoved: 0, failed: 0, transientFailures: 0 };

    for (const batch of chunk(pending)) {
      if (!(await renewLease(firestore, jobRef, owner, deps))) {
        logs.pushJobBusy({ ...base, state: 'lease-lost' });
        return { kind: 'busy' };
      }
      const results = await deps.sender.sendEach(batch.map((target) => pushMessage(target.token, content, task)));
      await recordResults(firestore, jobId, batch, results.map((r) => (r.ok ? 'sent' : (r.errorCode ?? 'messaging/unknown-error'))), counts);
    }

    const status = counts.transientFailures === 0 ? 'SUCCESS' : run.isLastAttempt ? 'ERROR' : 'PENDING';
    await settle(firestore, jobRef, owner, deps, { status, ...counts });
    logs.pushJobFinished({ ...base, status, ...counts, durationMs: Date.now() - started });
    if (counts.transientFailures > 0) {
      throw new Error(`${counts.transientFailures} push request(s) failed transiently`);
    }
    return { kind: 'sent', status, counts };
  } catch (error) {
    // Hand the job back so the retry (or a replay) can take it at once; settled jobs are untouched.
    await settle(firestore, jobRef, owner, deps, { status: run.isLastAttempt ? 'ERROR' : 'PENDING' }).catch(() => undefined);
    throw error;
  }
}

type LeaseState = 'acquired' | 'finished' | 'leased';

async function acquireLease(
  firestore: Firestore,
  jobRef: DocumentReference,
  task: PushTask,
  run: TaskRun,
  owner: string,
  deps: PushDeps,
): Promise<LeaseState> {
  return firestore.runTransaction(async (tx) => {
    const job = (await tx.get(jobRef)).data();
    if (job?.status === 'SUCCESS' || job?.status === 'SKIPPED') return 'finished';
    const now = deps.now();
    const held = job?.status === 'PROCESSING' && typeof job.leaseExpiresAt === 'number' && job.leaseExpiresAt > now;
    // A later attempt of the very task that holds the lease means the earlier attempt is over.
    const ownEarlierAttempt = job?.leaseTaskId === run.taskId && Number(job?.leaseAttempt) < run.attempt;
    if (held && !ownEarlierAttempt) return 'leased';
    tx.set(
      jobRef,
      {
        chatId: task.chatId,
        messageId: task.messageId,
        status: 'PROCESSING',
        leaseOwner: owner,
        leaseTaskId: run.taskId,
        leaseAttempt: run.attempt,
        leaseExpiresAt: now + deps.leaseMs,
        attempts: FieldValue.increment(1),
        updatedAt: FieldValue.serverTimestamp(),
        ...(job ? {} : { createdAt: FieldValue.serverTimestamp(), expiresAt: Timestamp.fromMillis(now + PUSH_JOB_RETENTION_MS) }),
      },
      { merge: true },
    );
    return 'acquired';
  });
}

async function renewLease(firestore: Firestore, jobRef: DocumentReference, owner: string, deps: PushDeps): Promise<boolean> {
  return firestore.runTransaction(async (tx) => {
    const job = (await tx.get(jobRef)).data();
    if (job?.leaseOwner !== owner || job.status !== 'PROCESSING') return false;
    tx.update(jobRef, { leaseExpiresAt: deps.now() + deps.leaseMs });
    return true;
  });
}

/** Ends this holder's lease with a final or retry status; a job someone else holds is left alone. */
async function settle(
  firestore: Firestore,
  jobRef: DocumentReference,
  owner: string,
  deps: PushDeps,
  fields: { status: string } & Record<string, unknown>,
): Promise<void> {
  await firestore.runTransaction(async (tx) => {
    const job = (await tx.get(jobRef)).data();
    if (job?.leaseOwner !== owner || job.status !== 'PROCESSING') return;
    tx.update(jobRef, { ...fields, leaseOwner: null, leaseExpiresAt: deps.now(), updatedAt: FieldValue.serverTimestamp() });
  });
}

type Loaded =
  | { kind: 'skip'; reason: string }
  | { kind: 'ready'; chat: Chat; message: Message; senderName: string };

async function loadMessage(firestore: Firestore, { chatId, messageId }: PushTask): Promise<Loaded> {
  const [messageSnap, chatSnap] = await Promise.all([
    firestore.doc(paths.message(chatId, messageId)).get(),
    firestore.doc(paths.chat(chatId)).get(),
  ]);
  if (!messageSnap.exists) return { kind: 'skip', reason: 'message does not exist' };
  const message = messageSchema.safeParse(messageSnap.data());
  if (!message.success) return { kind: 'skip', reason: 'message fails the model schema' };
  if (message.data.rejected) return { kind: 'skip', reason: 'message was rejected' };
  const chat = chatSchema.safeParse(chatSnap.data());
  if (!chat.success) return { kind: 'skip', reason: 'chat is missing or invalid' };
  const sender = await firestore.doc(paths.user(message.data.senderId)).get();
  const name: unknown = sender.get('displayName');
  return { kind: 'ready', chat: chat.data, message: message.data, senderName: typeof name === 'string' && name ? name : 'Someone' };
}

async function findRecipients(
  firestore: Firestore,
  chatId: string,
  chat: Chat,
  senderId: string,
  deps: PushDeps,
  base: { function: string; eventId: string },
): Promise<string[]> {
  const others = [...new Set(chat.memberIds)].filter((uid) => uid !== senderId);
  if (others.length === 0) return [];
  const [memberDocs, blockDocs, userDocs] = await Promise.all([
    firestore.collection(paths.members(chatId)).select('mutedUntil').get(),
    getAllChunked(firestore, others.map((uid) => firestore.doc(paths.block(uid, senderId)))),
    getAllChunked(firestore, others.map((uid) => firestore.doc(paths.user(uid))), ['online']),
  ]);
  const mutedUntilMs = new Map<string, number | null>();
  for (const doc of memberDocs.docs) {
    const mutedUntil = doc.get('mutedUntil') as unknown;
    mutedUntilMs.set(doc.id, mutedUntil instanceof Timestamp ? mutedUntil.toMillis() : null);
  }
  const blockedSender = new Set(blockDocs.filter((d) => d.exists).map((d) => d.ref.parent.parent?.id ?? ''));
  const online = userDocs.filter((d) => d.get('online') === true).map((d) => d.id);
  let viewing = new Set<string>();
  if (deps.presence && online.length > 0) {
    viewing = await deps.presence.viewing(chatId, online).catch((error: unknown) => {
      logs.presenceUnavailable({ ...base, reason: error instanceof Error ? error.message : String(error) });
      return new Set<string>();
    });
  }
  return planRecipients({ senderId, memberIds: others, mutedUntilMs, blockedSender, viewing, nowMs: deps.now() }).recipients;
}

async function getAllChunked(firestore: Firestore, refs: DocumentReference[], fieldMask?: string[]): Promise<DocumentSnapshot[]> {
  const out: DocumentSnapshot[] = [];
  for (const part of chunk(refs, 300)) {
    if (part.length === 0) continue;
    out.push(...(await (fieldMask ? firestore.getAll(...part, { fieldMask }) : firestore.getAll(...part))));
  }
  return out;
}

async function loadDevices(firestore: Firestore, uids: string[]): Promise<{ uid: string; deviceId: string; token: string }[]> {
  const devices: { uid: string; deviceId: string; token: string }[] = [];
  for (const group of chunk(uids, READ_CONCURRENCY)) {
    const snaps = await Promise.all(group.map((uid) => firestore.collection(paths.devices(uid)).get()));
    snaps.forEach((snap, i) => {
      for (const doc of snap.docs) {
        const device = deviceInputSchema.safeParse({ token: doc.get('token') as unknown, platform: doc.get('platform') as unknown });
        if (device.success) devices.push({ uid: group[i] ?? '', deviceId: doc.id, token: device.data.token });
      }
    });
  }
  return devices;
}

/** Delivery markers are keyed by a hash of the token: one push per physical device. */
function tokenKey(token: string): string {
  return stableKey('fcm-token', token);
}

async function deliveredKeys(firestore: Firestore, jobId: string): Promise<Set<string>> {
  const snap = await firestore.collection(paths.jobDeliveries(jobId)).select().get();
  return new Set(snap.docs.map((d) => d.id));
}

async function recordResults(
  firestore: Firestore,
  jobId: string,
  batch: PushTarget[],
  results: string[],
  counts: PushCounts,
): Promise<void> {
  const markers: [DocumentReference, Record<string, unknown>][] = [];
  const deadTokens: PushTarget[] = [];
  batch.forEach((target, i) => {
    const result = results[i] ?? 'messaging/unknown-error';
    const kind = result === 'sent' ? 'sent' : classifyPushError(result);
    if (kind === 'transient') {
      counts.transientFailures += 1;
      return;
    }
    if (kind === 'sent') counts.sent += 1;
    else if (kind === 'invalid-token') deadTokens.push(target);
    else counts.failed += 1;
    markers.push([
      firestore.doc(paths.jobDelivery(jobId, tokenKey(target.token))),
      {
        result,
        devices: target.devices,
        uids: [...new Set(target.devices.map((d) => d.uid))],
        at: FieldValue.serverTimestamp(),
        expiresAt: Timestamp.fromMillis(Date.now() + PUSH_JOB_RETENTION_MS),
      },
    ]);
  });
  for (const part of chunk(markers, BATCH_WRITES)) {
    const writeBatch: WriteBatch = firestore.batch();
    for (const [ref, data] of part) writeBatch.set(ref, data);
    await writeBatch.commit();
  }
  for (const target of deadTokens) counts.invalidTokensRemoved += await deleteDeadToken(firestore, target);
}

/** Deletes each device document that still carries the dead token (a refreshed token is kept). */
async function deleteDeadToken(firestore: Firestore, target: PushTarget): Promise<number> {
  let removed = 0;
  for (const { uid, deviceId } of target.devices) {
    const ref = firestore.doc(paths.device(uid, deviceId));
    removed += await firestore.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists || snap.get('token') !== target.token) return 0;
      tx.delete(ref);
      return 1;
    });
  }
  return removed;
}
