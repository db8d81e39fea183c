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

// No parameter properties: scripts load this file with Node's type stripping, which refuses them.
export class Refusal extends Error {
  readonly code: RefusalCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: RefusalCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'Refusal';
    this.code = code;
    this.details = details;
  }
}

export function refuse(code: RefusalCode, message: string, details?: Record<string, unknown>): never {
  throw new Refusal(code, message, details);
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}
