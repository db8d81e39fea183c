/**
 * How every Natter function treats failures: expected outcomes pass through untouched; anything
 * else is logged (scrubbed), reported to Sentry with the function name and event id, and rethrown
 * without its raw message so no platform log line carries secrets.
 */
import { logs } from './logs.ts';
import { isRefusal } from './refusal.ts';
import { captureError, type ReportContext } from './sentry.ts';
import { scrubText } from './scrub.ts';

/** Thrown by task workers that want Cloud Tasks to try again later; not an error worth reporting. */
export class RetryLater extends Error {
  override name = 'RetryLater';
}

/**
 * The callable SDK, imported only when it is needed: on a failure, or by callables and task
 * workers, which have it loaded already. Triggers and crons then never load it to start.
 */
const httpsSdk = () => import('firebase-functions/v2/https');

/** Errors that are part of a function's contract (callable error codes, retry requests). */
export async function isExpectedError(error: unknown): Promise<boolean> {
  if (error instanceof RetryLater || isRefusal(error)) return true;
  const { HttpsError } = await httpsSdk();
  return error instanceof HttpsError && !['internal', 'unknown', 'data-loss'].includes(error.code);
}

export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: scrubText(error.message).slice(0, 1_000) };
  return { name: 'NonError', message: scrubText(String(error)).slice(0, 1_000) };
}

/** Logs and reports an unexpected error; resolves once the report is delivered (or skipped). */
export async function reportError(error: unknown, context: ReportContext): Promise<void> {
  const { name, message } = describeError(error);
  logs.functionFailed({ function: context.function, eventId: context.eventId, errorName: name, errorMessage: message });
  await captureError(error, context);
}

/**
 * Runs `fn`, reporting unexpected errors. `rethrow: 'https'` turns them into a bare `internal`
 * HttpsError (callables, task workers); `'error'` into an Error with the scrubbed message.
 */
export async function reportErrors<T>(
  context: ReportContext & { rethrow: 'https' | 'error' },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (await isExpectedError(error)) throw error;
    await reportError(error, context);
    if (context.rethrow === 'https') throw new (await httpsSdk()).HttpsError('internal', 'Internal error.');
    throw new Error(`${context.function} failed: ${describeError(error).message}`);
  }
}
