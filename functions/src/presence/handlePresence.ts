/**
 * Mirrors `/status/{uid}` into `users/{uid}` (`online`, `lastSeenAt`) and follows the owner's
 * last-seen setting, which governs both. Both run in a transaction over the profile, the account settings and the
 * private presence watermark, so late, repeated or concurrent events give one final state.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { CONTENDED, CountedWrites } from '../lib/countedWrites.ts';
import { logs } from '../lib/logs.ts';
import { planLastSeenVisibility, planPresence, type PresencePlan } from './planPresence.ts';

export interface PresenceEvent {
  uid: string;
  status: unknown;
  eventId: string;
}

export async function handlePresenceWritten({ uid, status, eventId }: PresenceEvent): Promise<PresencePlan> {
  const firestore = db();
  const userRef = firestore.doc(paths.user(uid));
  const accountRef = firestore.doc(paths.account(uid));
  const markRef = firestore.doc(paths.presence(uid));

  const plan = await firestore.runTransaction(async (tx) => {
    const [profile, account, mark] = await tx.getAll(userRef, accountRef, markRef);
    const planned = planPresence({ status, profile: profile?.data(), mark: mark?.data(), account: account?.data() });
    if (planned.kind === 'apply') {
      const w = new CountedWrites(tx);
      w.update(userRef, {
        online: planned.online,
        lastSeenAt: planned.lastSeenAtMs === null ? null : Timestamp.fromMillis(planned.lastSeenAtMs),
      });
      w.set(markRef, { ...planned.mark, updatedAt: Timestamp.now() });
    }
    return planned;
  }, CONTENDED);

  if (plan.kind === 'apply') logs.presenceApplied({ uid, state: plan.mark.state, eventId, lastSeenShown: plan.lastSeenAtMs !== null });
  else if (plan.kind === 'stale') logs.presenceStale({ uid, eventId, lastChanged: lastChangedOf(status), watermark: plan.watermark });
  else logs.presenceIgnored({ uid, eventId, reason: plan.reason });
  return plan;
}

export interface AccountUpdatedEvent {
  uid: string;
  before: unknown;
  after: unknown;
  eventId: string;
}

/** Only a change of `settings.lastSeen` matters; everything else on the account is ignored without reads. */
export async function handleAccountUpdated({ uid, before, after, eventId }: AccountUpdatedEvent): Promise<{ writes: number }> {
  if (lastSeenOf(before) === lastSeenOf(after)) return { writes: 0 };
  const firestore = db();
  const userRef = firestore.doc(paths.user(uid));
  const accountRef = firestore.doc(paths.account(uid));
  const markRef = firestore.doc(paths.presence(uid));

  const writes = await firestore.runTransaction(async (tx) => {
    const [profile, account, mark] = await tx.getAll(userRef, accountRef, markRef);
    // Planned from the account as it is now, not as the event saw it.
    const next = planLastSeenVisibility({ profile: profile?.data(), mark: mark?.data(), account: account?.data() });
    if (next === undefined) return 0;
    tx.update(userRef, { online: next.online, lastSeenAt: next.lastSeenAtMs === null ? null : Timestamp.fromMillis(next.lastSeenAtMs) });
    return 1;
  }, CONTENDED);
  if (writes > 0) logs.lastSeenVisibilityChanged({ uid, lastSeen: String(lastSeenOf(after)), eventId });
  return { writes };
}

function lastSeenOf(account: unknown): unknown {
  return (account as { settings?: { lastSeen?: unknown } } | null | undefined)?.settings?.lastSeen;
}

function lastChangedOf(status: unknown): number {
  const value = (status as { lastChanged?: unknown } | null | undefined)?.lastChanged;
  return typeof value === 'number' ? value : -1;
}
