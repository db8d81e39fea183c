/**
 * Sends the push notifications of one chat's push window: one notice per device, whatever the
 * number of messages in the window and of duplicate or concurrent task runs. Plans from the
 * documents as they are (`loadAudience`), writes nothing when no device is to be pushed, and keeps
 * its state in the job document (`PushJob`): a lease, and one checkpoint per FCM batch.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { randomId } from '../lib/runtime.ts';
import type { TaskRun } from '../lib/taskWorker.ts';
import { chunk, classifyPushError, pushMessage } from './planPush.ts';
import { loadAudience, type NoticeTarget } from './pushAudience.ts';
import { PushJob, tokenKey, type PushCounts } from './pushJob.ts';
import { defaultPushSender, type PushSender } from './pushSender.ts';
import { deleteDeadToken } from './deadTokens.ts';
import { rtdbPresence, type PresenceReader } from './presence.ts';
import { pushJobId, pushRunAtMs, type PushTask } from './queue.ts';

export interface PushDeps {
  sender: PushSender;
  presence: PresenceReader | null;
  now(): number;
  /** Longer than the worker's timeout, so a live holder never loses its lease. */
  leaseMs: number;
  /** Test hook: runs after FCM accepted a batch and before its checkpoint (e.g. to simulate a crash). */
  afterBatchSent?(batch: number): Promise<void>;
}

export function defaultPushDeps(): PushDeps {
  return { sender: defaultPushSender(), presence: rtdbPresence(), now: Date.now, leaseMs: 5 * 60_000 };
}

export type { PushCounts } from './pushJob.ts';

export type PushOutcome =
  | { kind: 'done' }
  | { kind: 'busy' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'sent'; status: 'SUCCESS' | 'PENDING' | 'ERROR'; counts: PushCounts };

/** Cloud Tasks runs a task at its schedule time; the Tasks emulator at once, so the worker waits out the window (at most this long). */
const MAX_EARLY_WAIT_MS = 5_000;

export async function handleMessageNotifications(task: PushTask, run: TaskRun, deps: PushDeps = defaultPushDeps()): Promise<PushOutcome> {
  const started = Date.now();
  const firestore = db();
  const base = { function: run.function, eventId: run.taskId, chatId: task.chatId };
  if ('window' in task) await waitForWindowEnd(task.window, deps);

  const audience = await loadAudience(firestore, task, { presence: deps.presence, now: () => deps.now(), log: base });
  if (audience.kind === 'skip' || audience.targets.length === 0) {
    const reason = audience.kind === 'skip' ? audience.reason : 'nobody to push has a device';
    logs.pushJobSkipped({ ...base, reason });
    return { kind: 'skipped', reason };
  }

  // The window's job, also for a task of the previous release that named one message of it.
  const jobId = pushJobId({ chatId: task.chatId, window: audience.window });
  const job = new PushJob(firestore, firestore.doc(paths.job(jobId)), `${run.taskId}#${run.attempt}#${randomId()}`, deps);
  const subject = { chatId: task.chatId, window: audience.window, messageId: audience.newestMessageId, messages: audience.messages };
  const lease = await job.acquire(subject, run);
  if (lease.kind !== 'acquired') {
    logs.pushJobBusy({ ...base, state: lease.kind });
    return lease.kind === 'finished' ? { kind: 'done' } : { kind: 'busy' };
  }

  // `sent` counts this run's pushes; tokens checkpointed by an earlier run are not sent again.
  const counts: PushCounts = { recipients: audience.recipients, devices: audience.targets.length, sent: 0, invalidTokensRemoved: 0, failed: 0, transientFailures: 0, reads: audience.reads };
  try {
    const batches = chunk(audience.targets.filter((target) => !lease.doneKeys.has(tokenKey(target.token))));
    if (batches.length === 0) await job.checkpoint([], { status: 'SUCCESS', ...counts });
    for (const [i, batch] of batches.entries()) {
      const results = await deps.sender.sendEach(batch.map((target) => pushMessage(target.token, target.notice, task.chatId)));
      await deps.afterBatchSent?.(i);
      const answered = await tally(firestore, batch, results.map((r) => (r.ok ? 'sent' : (r.errorCode ?? 'messaging/unknown-error'))), counts);
      const last = i === batches.length - 1;
      const status = jobStatus(counts, run);
      if (!(await job.checkpoint(answered, last ? { status, ...counts } : null))) {
        logs.pushJobBusy({ ...base, state: 'lease-lost' });
        return { kind: 'busy' };
      }
    }
  } catch (error) {
    // Hand the job back so the retry (or a replay) can take it at once; settled jobs are untouched.
    await job.release(run.isLastAttempt ? 'ERROR' : 'PENDING').catch(() => undefined);
    throw error;
  }

  const status = jobStatus(counts, run);
  logs.pushJobFinished({ ...base, messageId: audience.newestMessageId, messages: audience.messages, status, ...counts, durationMs: Date.now() - started });
  if (counts.transientFailures > 0) throw new Error(`${counts.transientFailures} push request(s) failed transiently`);
  return { kind: 'sent', status, counts };
}

/** Done when nothing failed transiently; otherwise retried, or ERROR once the attempts are spent. */
function jobStatus(counts: PushCounts, run: TaskRun): 'SUCCESS' | 'PENDING' | 'ERROR' {
  return counts.transientFailures === 0 ? 'SUCCESS' : run.isLastAttempt ? 'ERROR' : 'PENDING';
}

async function waitForWindowEnd(window: number, deps: PushDeps): Promise<void> {
  const earlyMs = Math.min(pushRunAtMs(window) - deps.now(), MAX_EARLY_WAIT_MS);
  if (earlyMs > 0) await new Promise((resolve) => setTimeout(resolve, earlyMs));
}

/**
 * Counts one batch's answers and deletes the devices of dead tokens; returns the keys of the
 * tokens answered for good (sent, dead or refused), which the checkpoint records. Transient
 * failures are left out, so the retry sends to them again.
 */
async function tally(firestore: Firestore, batch: NoticeTarget[], results: string[], counts: PushCounts): Promise<string[]> {
  const answered: string[] = [];
  for (const [i, target] of batch.entries()) {
    const result = results[i] ?? 'messaging/unknown-error';
    const kind = result === 'sent' ? 'sent' : classifyPushError(result);
    if (kind === 'transient') {
      counts.transientFailures += 1;
      continue;
    }
    answered.push(tokenKey(target.token));
    if (kind === 'sent') counts.sent += 1;
    else if (kind === 'failed') counts.failed += 1;
    else counts.invalidTokensRemoved += await deleteDeadToken(firestore, target);
  }
  return answered;
}
