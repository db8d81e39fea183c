/**
 * The push job document `jobs/push-<hash>` of one chat and window, a state machine in the manner of
 * the Trigger-Email extension: PENDING -> PROCESSING with a lease -> SUCCESS/SKIPPED, or back to
 * PENDING/ERROR for a retry, changed only in transactions; only the lease holder sends. It exists
 * only once there is a device to push (the first run that takes the lease creates it).
 *
 * Bookkeeping is per FCM batch, not per token: after each `sendEach` call one checkpoint write
 * adds the batch's token keys to `doneKeys` and renews the lease, so a retry sends only to tokens
 * not yet answered. A crash between FCM accepting a batch and its checkpoint resends at most that
 * batch, and the chat's collapse key makes the resent notification replace the one shown.
 */
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { leaseHeldBy, leaseLive, releaseLease, renewLease, takeLease } from '../lib/lease.ts';
import { stableKey } from '../lib/runtime.ts';
import type { TaskRun } from '../lib/taskWorker.ts';

/** Job documents carry `expiresAt`; a Firestore TTL policy removes them after this. */
export const PUSH_JOB_RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface PushCounts {
  recipients: number;
  devices: number;
  sent: number;
  invalidTokensRemoved: number;
  failed: number;
  transientFailures: number;
  /** Firestore reads this run made to find recipients and devices. */
  reads: number;
}

export interface LeaseClock {
  now(): number;
  /** Longer than the worker's timeout, so a live holder never loses its lease. */
  leaseMs: number;
}

/** What the job records about the window when it is created. */
export interface JobSubject {
  chatId: string;
  window: number;
  /** The newest message the window's notices name, and how many messages the window holds. */
  messageId: string;
  messages: number;
}

export type Lease = { kind: 'acquired'; doneKeys: ReadonlySet<string> } | { kind: 'finished' } | { kind: 'leased' };

/** The key a token is checkpointed under: a hash, so the job holds no token. One push per physical device. */
export function tokenKey(token: string): string {
  return stableKey('fcm-token', token).slice(0, 20);
}

export class PushJob {
  private readonly firestore: Firestore;
  readonly ref: DocumentReference;
  private readonly owner: string;
  private readonly clock: LeaseClock;

  constructor(firestore: Firestore, ref: DocumentReference, owner: string, clock: LeaseClock) {
    this.firestore = firestore;
    this.ref = ref;
    this.owner = owner;
    this.clock = clock;
  }

  /** Takes the lease unless the job is finished or a live run holds it; creates the job on first use. */
  async acquire(subject: JobSubject, run: TaskRun): Promise<Lease> {
    return this.firestore.runTransaction(async (tx) => {
      const job = (await tx.get(this.ref)).data();
      if (job?.status === 'SUCCESS' || job?.status === 'SKIPPED') return { kind: 'finished' };
      const now = this.clock.now();
      const held = job?.status === 'PROCESSING' && leaseLive(job, now);
      // A later attempt of the very task that holds the lease means the earlier attempt is over.
      const ownEarlierAttempt = job?.leaseTaskId === run.taskId && Number(job?.leaseAttempt) < run.attempt;
      if (held && !ownEarlierAttempt) return { kind: 'leased' };
      tx.set(
        this.ref,
        {
          ...subject,
          status: 'PROCESSING',
          ...takeLease(this.owner, now, this.clock.leaseMs),
          leaseTaskId: run.taskId,
          leaseAttempt: run.attempt,
          attempts: FieldValue.increment(1),
          updatedAt: FieldValue.serverTimestamp(),
          ...(job ? {} : { doneKeys: [], createdAt: FieldValue.serverTimestamp(), expiresAt: Timestamp.fromMillis(now + PUSH_JOB_RETENTION_MS) }),
        },
        { merge: true },
      );
      const doneKeys: unknown = job?.doneKeys;
      return { kind: 'acquired', doneKeys: new Set(Array.isArray(doneKeys) ? doneKeys.filter((k): k is string => typeof k === 'string') : []) };
    });
  }

  /**
   * Records one answered batch and renews the lease, in one write; with `final`, also ends the
   * lease with that status. False when this run no longer holds the lease (it must stop sending).
   */
  async checkpoint(keys: readonly string[], final: ({ status: string } & Partial<PushCounts>) | null): Promise<boolean> {
    return this.firestore.runTransaction(async (tx) => {
      const job = (await tx.get(this.ref)).data();
      if (!leaseHeldBy(job, this.owner) || job?.status !== 'PROCESSING') return false;
      const now = this.clock.now();
      tx.update(this.ref, {
        ...(keys.length > 0 ? { doneKeys: FieldValue.arrayUnion(...keys) } : {}),
        ...(final ? { ...final, ...releaseLease(now) } : renewLease(now, this.clock.leaseMs)),
        updatedAt: FieldValue.serverTimestamp(),
      });
      return true;
    });
  }

  /** Hands the job back after a failure so a retry (or a replay) can take it at once; a job someone else holds is left alone. */
  async release(status: 'PENDING' | 'ERROR'): Promise<void> {
    await this.checkpoint([], { status });
  }
}
