/**
 * The one way Natter defines crons: UTC schedules, one retry, the handler wrapped so unhandled
 * errors are reported with the function name and the scheduler's event id.
 */
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { reportErrors } from './errors.ts';

export interface CronContext {
  /** The scheduler job and time this run was for (the POST time when triggered by hand). */
  eventId: string;
}

export function cron(name: string, schedule: string, handler: (context: CronContext) => Promise<unknown>) {
  return onSchedule({ schedule, timeZone: 'UTC', retryCount: 1, timeoutSeconds: 540 }, async (event) => {
    const eventId = event.jobName ? `${event.jobName}@${event.scheduleTime}` : event.scheduleTime;
    await reportErrors({ function: name, eventId, rethrow: 'error' }, () => handler({ eventId }));
  });
}
