/**
 * The admin services' refusal, independent of transport: a `Refusal` whose `kind` the REST API
 * turns into problem JSON, the callables into an HttpsError. `field` names the offending input
 * when there is one.
 */
import { Refusal, type RefusalCode } from '../lib/refusal.ts';

export type ServiceErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable';

export const HTTP_STATUS: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  unavailable: 503,
};

/** The callable protocol's code for each kind. */
export const CODE_OF_KIND: Record<ServiceErrorKind, RefusalCode> = {
  invalid: 'invalid-argument',
  unauthenticated: 'unauthenticated',
  forbidden: 'permission-denied',
  'not-found': 'not-found',
  conflict: 'failed-precondition',
  'rate-limited': 'resource-exhausted',
  unavailable: 'unavailable',
};

/** A refusal from outside the admin services (e.g. the rate limiter) as the kind the API answers with. */
export function asServiceError(refusal: Refusal): ServiceError {
  if (refusal instanceof ServiceError) return refusal;
  const kinds: Record<RefusalCode, ServiceErrorKind> = {
    'invalid-argument': 'invalid',
    unauthenticated: 'unauthenticated',
    'permission-denied': 'forbidden',
    'not-found': 'not-found',
    'already-exists': 'conflict',
    'failed-precondition': 'conflict',
    'resource-exhausted': 'rate-limited',
    unavailable: 'unavailable',
  };
  const retryAfterSeconds = refusal.details?.retryAfterSeconds;
  return new ServiceError(kinds[refusal.code], refusal.message, typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {});
}

export class ServiceError extends Refusal {
  readonly kind: ServiceErrorKind;
  readonly field: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(kind: ServiceErrorKind, message: string, options: { field?: string; retryAfterSeconds?: number } = {}) {
    super(CODE_OF_KIND[kind], message, options.field === undefined ? undefined : { field: options.field });
    this.name = 'ServiceError';
    this.kind = kind;
    this.field = options.field ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}

/** Firebase Admin errors carry a string `code` such as `auth/user-not-found`. */
export function firebaseErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}
