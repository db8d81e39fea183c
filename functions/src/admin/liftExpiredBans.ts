/** Scheduled: lifts temporary bans whose `until` has passed (at most 200 per run, every 10 minutes). */
import { randomUUID } from 'node:crypto';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { logs } from '../lib/logs.ts';
import { defaultAdminDeps, type AdminDeps } from './deps.ts';
import { recordAudit } from './services/audit.ts';
import { liftExpiredBans as lift } from './services/bans.ts';

export async function handleLiftExpiredBans(deps: AdminDeps = defaultAdminDeps()): Promise<void> {
  const actor = { uid: null, role: null, via: 'schedule' as const, requestId: randomUUID() };
  const lifted = await lift(deps, actor);
  await Promise.all(
    lifted.map((uid) =>
      recordAudit(deps, { actor, action: 'user.unban', targetType: 'user', targetId: uid, outcome: 'success', status: 200, error: null, details: { reason: 'ban expired' } }),
    ),
  );
  logs.expiredBansLifted({ count: lifted.length });
}

export const liftExpiredBans = onSchedule({ schedule: 'every 10 minutes', retryCount: 1 }, () => handleLiftExpiredBans());
