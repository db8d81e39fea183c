/**
 * The one error the admin services raise, independent of transport: the REST API turns it into
 * problem JSON, the callables into an HttpsError. `field` names the offending input when there is one.
 */
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

export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly field: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(kind: ServiceErrorKind, message: string, options: { field?: string; retryAfterSeconds?: number } = {}) {
    super(message);
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
