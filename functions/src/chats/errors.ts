/** Turns a ChatRefusal from the pure planners into the HttpsError the client sees, same code. */
import { HttpsError } from 'firebase-functions/v2/https';
import { ChatRefusal } from './refusal.ts';

export async function refusalsAsHttps<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChatRefusal) throw new HttpsError(error.code, error.message);
    throw error;
  }
}
