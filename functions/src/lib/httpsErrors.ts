/**
 * The edge between domain refusals and the callable protocol: a `Refusal` becomes the HttpsError
 * the client sees, same code, message and details. The only place a refusal turns into an HttpsError.
 */
import { HttpsError } from 'firebase-functions/v2/https';
import { isRefusal } from './refusal.ts';

/** Runs `work`, turning a refusal into its HttpsError; anything else passes through untouched. */
export async function refusalsAsHttps<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isRefusal(error) ? asHttpsError(error) : error;
  }
}

export function asHttpsError(error: { code: HttpsError['code']; message: string; details?: unknown }): HttpsError {
  return new HttpsError(error.code, error.message, error.details);
}
