/**
 * RFC 9457 problem details, the API's one error shape: every failure, from a missing token to an
 * unexpected exception, leaves as `application/problem+json` with the same fields. Unexpected
 * errors say nothing about their cause (no messages, no stack traces) beyond the request id.
 */
import type { Problem } from '@natter/model';
import { isRefusal } from '../../lib/refusal.ts';
import { HTTP_STATUS, asServiceError, isServiceError, type ServiceErrorKind } from '../errors.ts';

export const PROBLEM_TYPES = {
  'invalid-request': { status: 400, title: 'Invalid request', about: 'A path parameter, query parameter or body field failed validation; `errors` names each one.' },
  'malformed-body': { status: 400, title: 'Malformed body', about: 'The body is not valid UTF-8 JSON.' },
  unauthenticated: { status: 401, title: 'Unauthenticated', about: 'No bearer token, or one that is malformed, expired, revoked or belongs to a disabled account.' },
  forbidden: { status: 403, title: 'Forbidden', about: "The caller's role does not allow this operation on this target." },
  'not-found': { status: 404, title: 'Not found', about: 'No such route, or no such user, chat or report.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', about: 'The path exists but not with this method; `Allow` lists the methods it has.' },
  conflict: { status: 409, title: 'Conflict', about: 'The target is not in a state that allows this (e.g. a report already resolved).' },
  'payload-too-large': { status: 413, title: 'Payload too large', about: 'The body exceeds the size limit.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', about: 'Bodies must be `application/json` in UTF-8.' },
  'rate-limited': { status: 429, title: 'Too many requests', about: 'The caller exceeded their request budget; `Retry-After` says when to try again.' },
  internal: { status: 500, title: 'Internal error', about: 'Something failed on the server; the request id identifies it in the logs.' },
  unavailable: { status: 503, title: 'Service unavailable', about: 'A backing service did not answer; try again.' },
} as const;
export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export function problemTypeUri(slug: ProblemSlug): string {
  return `urn:natter:problem:${slug}`;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly slug: ProblemSlug;
  readonly status: number;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;

  constructor(slug: ProblemSlug, detail: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'ApiError';
    this.slug = slug;
    this.status = PROBLEM_TYPES[slug].status;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }
}

const SLUG_OF_KIND: Record<ServiceErrorKind, ProblemSlug> = {
  invalid: 'invalid-request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  conflict: 'conflict',
  'rate-limited': 'rate-limited',
  unavailable: 'unavailable',
};

/** Errors that carry an HTTP status of their own (body-parser, the router's path decoding). */
function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : null;
}

/**
 * Any thrown value as an ApiError. `locate` turns a service's bare field name (`until`) into
 * where the request carried it (`body.until`).
 */
export function toApiError(error: unknown, locate: (field: string) => string = (field) => field): ApiError {
  if (error instanceof ApiError) return error;
  if (isRefusal(error) && !isServiceError(error)) return toApiError(asServiceError(error), locate);
  if (isServiceError(error)) {
    const slug = SLUG_OF_KIND[error.kind];
    const field = error.field === null ? null : locate(error.field);
    const errors = field !== null && error.kind === 'invalid' ? [{ field, message: error.message }] : [];
    const detail = field !== null && error.kind === 'invalid' ? `Field '${field}': ${error.message}` : error.message;
    const headers: Record<string, string> = error.retryAfterSeconds === null ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
    return HTTP_STATUS[error.kind] === PROBLEM_TYPES[slug].status ? new ApiError(slug, detail, { errors, headers }) : new ApiError('internal', 'Unexpected error.');
  }
  const status = httpStatusOf(error);
  if (status === 413) return new ApiError('payload-too-large', 'The request body is too large.');
  if (status === 415) return new ApiError('unsupported-media-type', 'The request body encoding is not supported; send UTF-8 JSON.');
  if (status !== null) return new ApiError('invalid-request', 'The request could not be read (malformed encoding or an aborted upload).');
  return new ApiError('internal', 'Unexpected error.');
}

export function problemBody(error: ApiError, instance: string): Problem {
  return {
    type: problemTypeUri(error.slug),
    title: PROBLEM_TYPES[error.slug].title,
    status: error.status,
    detail: error.message,
    instance,
    errors: error.errors,
  };
}
