/** The daily rollups (`stats/{YYYY-MM-DD}`, written by the background jobs) for a range of days. */
import { ADMIN_API_LIMITS, paths } from '@natter/model';
import type { AdminDeps } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import { toJsonObject, type Json } from './json.ts';

const DAY_MS = 86_400_000;

/** UTC days from `from` to `to`, inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

export async function getStats(
  deps: AdminDeps,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; days: { date: string; values: { [key: string]: Json } }[] }> {
  const to = query.to ?? new Date(deps.now()).toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (ADMIN_API_LIMITS.defaultStatsDays - 1) * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw new ServiceError('invalid', 'must not be after to', { field: 'from' });
  const days = daysBetween(from, to);
  if (days.length > ADMIN_API_LIMITS.maxStatsDays) {
    throw new ServiceError('invalid', `the range may span at most ${ADMIN_API_LIMITS.maxStatsDays} days`, { field: 'from' });
  }
  const snaps = await deps.db.getAll(...days.map((day) => deps.db.doc(paths.dailyStats(day))));
  return {
    from,
    to,
    days: snaps.filter((snap) => snap.exists).map((snap) => ({ date: snap.id, values: toJsonObject(snap.data()) })),
  };
}
