/**
 * The one error domain code throws when it refuses a request: a code from the callable protocol's
 * vocabulary, words the caller may read, and optional details (e.g. the offending fields, when to
 * retry). No firebase-functions import: callables translate it into an HttpsError
 * (`lib/httpsErrors.ts`), the admin REST API into problem JSON; anything else a function throws is
 * a bug, reported and answered as `internal`.
 */
export type RefusalCode =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'resource-exhausted'
  | 'unavailable';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(code: RefusalCode, message: string, details?: Record<string, unknown>): never {
  throw new Refusal(code, message, details);
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}
