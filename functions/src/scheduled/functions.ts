/** The scheduled-message callables; each handler module loads on the callable's first call. */
import { authedCallable } from '../lib/callable.ts';
import { lazyHandler } from '../lib/lazy.ts';

export const scheduleMessage = authedCallable('scheduleMessage', lazyHandler(async () => (await import('./scheduleMessage.ts')).handleScheduleMessage));
export const cancelScheduledMessage = authedCallable('cancelScheduledMessage', lazyHandler(async () => (await import('./cancelScheduledMessage.ts')).handleCancelScheduledMessage));
