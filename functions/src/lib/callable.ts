/**
 * The one way Natter defines callables: identity from the verified token only, input parsed with
 * the model's strict schema (unknown keys rejected, the field named in the error), and handlers
 * that receive typed input. Handlers refuse with a `Refusal` (precise code, readable message), which
 * this layer turns into the HttpsError the client sees; anything else is a bug and reaches the
 * client as `internal` without details. The schemas (zod and the model) load on
 * the first call, with the handler (see `lazy.ts`), not when the function is defined.
 */
import { onCall, type CallableOptions, type CallableRequest } from 'firebase-functions/v2/https';
import type { CallableInput, CallableName } from '@natter/model';
import { reportErrors } from './errors.ts';
import { refusalsAsHttps } from './httpsErrors.ts';
import { refuse } from './refusal.ts';
import { clientIp } from './clientIp.ts';
import { lazy } from './lazy.ts';
import { TRUSTED_PROXY_HOPS } from './params.ts';
import { randomId } from './runtime.ts';

const inputParser = lazy(async () => (await import('./callableInput.ts')).parseInput);

export interface CallContext {
  /** The caller's uid from the verified ID token, or null for unauthenticated callers. */
  uid: string | null;
  /** Custom claims of the verified token (e.g. `role` for staff). */
  claims: Record<string, unknown>;
  /** The caller's IP as the front end saw it, for rate limiting. */
  ip: string;
}

export interface AuthedContext extends CallContext {
  uid: string;
}

export function contextOf(request: CallableRequest<unknown>): CallContext {
  return {
    uid: request.auth?.uid ?? null,
    claims: request.auth?.token ?? {},
    ip: clientIp(request.rawRequest.headers['x-forwarded-for'], request.rawRequest.socket?.remoteAddress, TRUSTED_PROXY_HOPS.value()),
  };
}

export function requireAuth(context: CallContext): AuthedContext {
  if (context.uid === null) refuse('unauthenticated', 'Sign in to do this.');
  return { ...context, uid: context.uid };
}

type Handler<N extends CallableName, C extends CallContext, R> = (input: CallableInput<N>, context: C) => Promise<R>;

/** The request's trace id (what Cloud Logging groups by), or a fresh id when there is none. */
export function requestIdOf(request: CallableRequest<unknown>): string {
  const header = (name: string) => {
    const value = request.rawRequest.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const cloudTrace = header('x-cloud-trace-context')?.split('/')[0];
  const traceparent = header('traceparent')?.split('-')[1];
  return cloudTrace || traceparent || randomId();
}

/**
 * Unexpected errors are reported (scrubbed) with the callable's name and request id, and reach
 * the client as a bare `internal`; refusals reach it as their HttpsError. The callable's name is
 * its export name, so reports name the function.
 */
function reported<R>(name: CallableName, request: CallableRequest<unknown>, run: () => Promise<R>): Promise<R> {
  return reportErrors(
    { function: name, eventId: requestIdOf(request), data: request.data, headers: request.rawRequest.headers, rethrow: 'https' },
    () => refusalsAsHttps(run),
  );
}

/** A callable that needs a signed-in caller. */
export function authedCallable<N extends CallableName, R>(
  name: N,
  handler: Handler<N, AuthedContext, R>,
  options: CallableOptions = {},
) {
  return onCall(options, async (request) =>
    reported(name, request, async () => {
      const context = requireAuth(contextOf(request));
      const parseInput = await inputParser();
      return handler(parseInput(name, request.data), context);
    }),
  );
}

/** A callable open to signed-out callers (sign-in flows); rate limiting is the handler's job. */
export function publicCallable<N extends CallableName, R>(
  name: N,
  handler: Handler<N, CallContext, R>,
  options: CallableOptions = {},
) {
  return onCall(options, async (request) =>
    reported(name, request, async () => {
      const parseInput = await inputParser();
      return handler(parseInput(name, request.data), contextOf(request));
    }),
  );
}
