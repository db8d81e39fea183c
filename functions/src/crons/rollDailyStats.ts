/**
 * Cron: rolls a finished UTC day's counts into `stats/{YYYY-MM-DD}` for the admin API: messages
 * created, distinct active senders, new users, new chats. Messages are paged (each page also
 * writes its senders as markers under `jobs/stats-{day}/activeUsers/{uid}`, idempotent, kept a
 * week via their `expiresAt`); the other counts are aggregation queries. Each invocation rolls
 * every day of the last three that has no stats document yet, oldest first, so one missed run
 * is caught up; a day that has its document is never recomputed.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { COLLECTIONS, paths, type DailyStats } from '@natter/model';
import { db } from '../lib/admin.ts';
import type { CronContext } from '../lib/cron.ts';
import { lastPoint, pageQuery, runPagedJob, type CronJob, type RunOptions, type RunResult } from './runPagedJob.ts';

const DAY_MS = 86_400_000;
/** How many past days each run checks for missing stats. */
export const STATS_LOOKBACK_DAYS = 3;
const MARKER_TTL_MS = 7 * DAY_MS;

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayRange(day: string): { startMs: number; endMs: number } {
  const startMs = Date.parse(`${day}T00:00:00.000Z`);
  return { startMs, endMs: startMs + DAY_MS };
}

function markersJobId(day: string): string {
  return `stats-${day}`;
}

export const rollDailyStatsJob: CronJob = {
  name: 'rollDailyStats',
  async scope(nowMs) {
    const today = dayRange(utcDay(nowMs)).startMs;
    for (let back = STATS_LOOKBACK_DAYS; back >= 1; back -= 1) {
      const day = utcDay(today - back * DAY_MS);
      if (!(await db().doc(paths.dailyStats(day)).get()).exists) return { day };
    }
    return null;
  },
  phases: [
    {
      name: 'messages',
      async page({ scope, after, pageSize }) {
        const firestore = db();
        const day = String(scope.day);
        const { startMs, endMs } = dayRange(day);
        const inDay = firestore
          .collectionGroup(COLLECTIONS.messages)
          .where('createdAt', '>=', Timestamp.fromMillis(startMs))
          .where('createdAt', '<', Timestamp.fromMillis(endMs));
        const snap = await pageQuery(firestore, inDay, 'createdAt', after, pageSize).get();
        const senders = new Set(snap.docs.filter((doc) => doc.get('type') !== 'system').map((doc) => String(doc.get('senderId'))));
        return {
          seen: snap.size,
          after: lastPoint(snap.docs, 'createdAt'),
          commit(tx) {
            for (const uid of senders) {
              tx.set(firestore.doc(paths.jobActiveUser(markersJobId(day), uid)), { day, expiresAt: Timestamp.fromMillis(endMs + MARKER_TTL_MS) });
            }
            return { messages: snap.size };
          },
        };
      },
    },
  ],
  async finish(scope, counts) {
    const firestore = db();
    const day = String(scope.day);
    const { startMs, endMs } = dayRange(day);
    const createdThatDay = (collection: string) =>
      firestore
        .collection(collection)
        .where('createdAt', '>=', Timestamp.fromMillis(startMs))
        .where('createdAt', '<', Timestamp.fromMillis(endMs))
        .count()
        .get();
    const [newUsers, newChats, activeUsers] = await Promise.all([
      createdThatDay(COLLECTIONS.users),
      createdThatDay(COLLECTIONS.chats),
      firestore.collection(paths.jobActiveUsers(markersJobId(day))).count().get(),
    ]);
    const stats: DailyStats = {
      day,
      messages: counts.messages ?? 0,
      activeUsers: activeUsers.data().count,
      newUsers: newUsers.data().count,
      newChats: newChats.data().count,
      computedAt: Timestamp.now(),
    };
    await firestore.doc(paths.dailyStats(day)).set(stats);
    return { daysRolled: 1 };
  },
};

export async function handleRollDailyStats(context: CronContext, deps: Partial<RunOptions> = {}): Promise<RunResult[]> {
  const results: RunResult[] = [];
  // One run per missing day (at most the lookback), oldest first; stops when nothing is left.
  for (let i = 0; i <= STATS_LOOKBACK_DAYS; i += 1) {
    const result = await runPagedJob(rollDailyStatsJob, { ...deps, eventId: context.eventId });
    results.push(result);
    if (result.kind !== 'finished') break;
  }
  return results;
}
