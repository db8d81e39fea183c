/**
 * Natter's one rate limiter: sliding windows stored in `rateLimits/{sha256(key)}` and changed only
 * inside Firestore transactions (read, decide, write), so concurrent calls on any instance count
 * exactly. Keys are any string (e.g. `auth-email:<hmac>`, `uid:<uid>`); callers hash personal data
 * into the key. Records carry `expiresAt` for a TTL policy on the `rateLimits` collection.
 */
import { createHash } from 'node:crypto';
import { Timestamp, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { Refusal } from '../lib/refusal.ts';
import { paths, rateLimitRecordSchema } from '@natter/model';
import { db } from '../lib/admin.ts';
import { KeyedQueue } from './keyedQueue.ts';
import { decide, type Decision, type RateLimit } from './window.ts';

export type { RateLimit } from './window.ts';
export { parseLimits } from './window.ts';

export interface Bucket {
  key: string;
  limits: readonly RateLimit[];
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number; key: string };

export interface LimiterOptions {
  /** The clock, for tests; defaults to Date.now(). */
  nowMs?: number;
  firestore?: Firestore;
}

/** One bucket as read inside a transaction. */
export interface BucketState {
  key: string;
  ref: DocumentReference;
  hits: number[];
}

export function rateLimitRef(key: string, firestore: Firestore = db()): DocumentReference {
  return firestore.doc(paths.rateLimit(createHash('sha256').update(key).digest('hex')));
}

/** Counts one call against `key` if every limit allows it. */
export function consume(key: string, limits: readonly RateLimit[], options: LimiterOptions = {}): Promise<LimitResult> {
  return consumeAll([{ key, limits }], options);
}

/** Transaction attempts before a key counts as too hot to serve. */
const MAX_ATTEMPTS = 10;
/** What a caller refused for contention is told: try again shortly. */
export const CONTENTION_RETRY_MS = 1_000;

/**
 * Counts one call against every bucket, or against none if any bucket is full (all or nothing).
 * A key so hot that its transaction keeps aborting (a flood of concurrent calls) fails closed: the
 * call is refused as rate limited, never let through and never turned into an internal error.
 */
export async function consumeAll(buckets: readonly Bucket[], options: LimiterOptions = {}): Promise<LimitResult> {
  const firestore = options.firestore ?? db();
  return queueFor(firestore).run(
    buckets.map((b) => b.key),
    () => transact(firestore, buckets, options.nowMs),
  );
}

/** One queue per Firestore client: calls from this process on one key run one after another. */
const queues = new WeakMap<Firestore, KeyedQueue>();
function queueFor(firestore: Firestore): KeyedQueue {
  let queue = queues.get(firestore);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(firestore, queue);
  }
  return queue;
}

async function transact(firestore: Firestore, buckets: readonly Bucket[], fixedNowMs: number | undefined): Promise<LimitResult> {
  try {
    return await firestore.runTransaction(
      async (tx) => {
        const nowMs = fixedNowMs ?? Date.now();
        const states = await Promise.all(buckets.map((b) => readBucket(tx, b.key, firestore)));
        const decisions = states.map((state, i) => decide(state.hits, buckets[i]?.limits ?? [], nowMs));
        const denied = worstDenial(states, decisions);
        if (denied) return denied;
        states.forEach((state, i) => writeDecision(tx, state, decisions[i] as Decision));
        return { allowed: true } as const;
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
  } catch (error) {
    if (!isContention(error)) throw error;
    return { allowed: false, retryAfterMs: CONTENTION_RETRY_MS, key: buckets[0]?.key ?? '' };
  }
}

/** gRPC ABORTED: the transaction lost to concurrent ones on every attempt. */
export function isContention(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 10;
}

/** Reads a bucket inside the caller's transaction (for limits checked alongside other reads). */
export async function readBucket(tx: Transaction, key: string, firestore: Firestore = db()): Promise<BucketState> {
  const ref = rateLimitRef(key, firestore);
  const parsed = rateLimitRecordSchema.safeParse((await tx.get(ref)).data());
  return { key, ref, hits: parsed.success ? parsed.data.hits : [] };
}

/** Writes an allowing decision back (a denied one changes nothing). */
export function writeDecision(tx: Transaction, state: BucketState, decision: Decision): void {
  if (!decision.allowed) return;
  tx.set(state.ref, { hits: decision.hits, expiresAt: Timestamp.fromMillis(decision.expiresAtMs) });
}

function worstDenial(states: readonly BucketState[], decisions: readonly Decision[]): LimitResult | null {
  let worst: { allowed: false; retryAfterMs: number; key: string } | null = null;
  for (const [i, d] of decisions.entries()) {
    if (!d.allowed && (worst === null || d.retryAfterMs > worst.retryAfterMs)) {
      worst = { allowed: false, retryAfterMs: d.retryAfterMs, key: states[i]?.key ?? '' };
    }
  }
  return worst;
}

/** The refusal for a full bucket: `resource-exhausted` with when to retry in `details`. */
export function rateLimitedError(retryAfterMs: number, nowMs: number = Date.now()): Refusal {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new Refusal('resource-exhausted', `Too many attempts. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
    retryAt: new Date(nowMs + retryAfterMs).toISOString(),
  });
}

/** Throws the refusal when a limit was hit. */
export function assertAllowed(result: LimitResult): void {
  if (!result.allowed) throw rateLimitedError(result.retryAfterMs);
}
