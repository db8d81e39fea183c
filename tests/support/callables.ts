/** Assertions on callable failures as a client SDK sees them (`FunctionsError`). */
import { FunctionsError } from 'firebase/functions';
import { expect } from 'vitest';

/** Awaits a call that must fail and returns its error, checking the `HttpsError` code. */
export async function callError(call: Promise<unknown>, code: string): Promise<FunctionsError> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected the call to fail with ${code}`).toBeInstanceOf(FunctionsError);
  const error = caught as FunctionsError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code: `functions/${code}` });
  return error;
}
