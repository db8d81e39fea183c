/**
 * INTERIM: a Firestore-transaction rate limiter standing in for the auth issue's shared limiter
 * until the branches merge (see `../deps.ts`). One document per key under `rateLimits/`, holding a
 * fixed-window counter per configured window.
 */
import { createHash } from 'node:crypto';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import type { RateLimiter } from '../deps.ts';
import { planConsume, readWindows } from './rateWindows.ts';

export function firestoreRateLimiter(db: Firestore, now: () => number = () => Date.now()): RateLimiter {
  return {
    async consume(key, limits) {
      // Keys may hold characters a document id cannot; a hash keeps ids short and safe.
      const ref = db.doc(paths.rateLimit(createHash('sha256').update(key).digest('hex').slice(0, 40)));
      const longestMs = Math.max(...limits.map((limit) => limit.windowSeconds * 1000));
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(ref);
        const nowMs = now();
        const plan = planConsume(readWindows(snap.get('windows')), limits, nowMs);
        if (plan.allowed) {
          // `expiresAt` lets a Firestore TTL policy sweep idle counters.
          tx.set(ref, { windows: plan.windows, expiresAt: Timestamp.fromMillis(nowMs + 2 * longestMs) });
        }
        return { allowed: plan.allowed, retryAfterSeconds: plan.retryAfterSeconds };
      });
    },
  };
}
