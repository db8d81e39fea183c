/**
 * The admin callables' shared wiring: the caller must be signed in with a current token (not
 * revoked, account enabled) and hold a staff role from the verified token's claims; calls are
 * rate limited with the API's budget, input is parsed with the model's strict schema, and every
 * call by a signed-in user is written to the audit log, failures included.
 */
import { randomUUID } from 'node:crypto';
import { HttpsError, onCall, type CallableRequest, type FunctionsErrorCode } from 'firebase-functions/v2/https';
import type { AuditAction, AuditEntry, CallableInput, StaffRole } from '@natter/model';
import { contextOf, requireAuth, type AuthedContext } from '../lib/callable.ts';
import { parseInput } from '../lib/callableInput.ts';
import { logs } from '../lib/logs.ts';
import { ADMIN_RATE_LIMIT_PER_MINUTE } from '../lib/params.ts';
import { STAFF_RATE_LIMIT_KEY, defaultAdminDeps, type Actor, type AdminDeps } from './deps.ts';
import { asHttpsError } from '../lib/httpsErrors.ts';
import { isRefusal } from '../lib/refusal.ts';
import { HTTP_STATUS, ServiceError, firebaseErrorCode, isServiceError } from './errors.ts';
import { recordAudit, type AuditDetails } from './services/audit.ts';
import { staffRoleOf } from './services/staff.ts';

type AdminCallable = 'setUserRole' | 'banUser' | 'unbanUser';

const STATUS_OF_CODE: Partial<Record<FunctionsErrorCode, number>> = {
  'invalid-argument': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  'failed-precondition': 409,
  'resource-exhausted': 429,
  unavailable: 503,
};

/** The admin callables' edge: refusals become their HttpsError; anything else `internal`. */
function toHttpsError(error: unknown): HttpsError {
  if (error instanceof HttpsError) return error;
  if (isServiceError(error)) {
    const message = error.field !== null && error.kind === 'invalid' ? `Field '${error.field}': ${error.message}` : error.message;
    return asHttpsError({ code: error.code, message, details: error.details });
  }
  if (isRefusal(error)) return asHttpsError(error);
  return new HttpsError('internal', 'Unexpected error.');
}

function signedIn(request: CallableRequest<unknown>): AuthedContext {
  try {
    return requireAuth(contextOf(request));
  } catch (thrown) {
    throw toHttpsError(thrown);
  }
}

/** Tokens of banned (disabled) accounts and revoked sessions are refused, as the API refuses them. */
async function assertTokenCurrent(deps: AdminDeps, uid: string, claims: Record<string, unknown>): Promise<void> {
  const user = await deps.auth.getUser(uid).catch((error: unknown) => {
    if (firebaseErrorCode(error) === 'auth/user-not-found') throw new ServiceError('unauthenticated', 'The account no longer exists.');
    throw error;
  });
  if (user.disabled) throw new ServiceError('unauthenticated', 'The account is disabled.');
  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : 0;
  const validAfter = user.tokensValidAfterTime ? Date.parse(user.tokensValidAfterTime) : 0;
  if (authTime < validAfter) throw new ServiceError('unauthenticated', 'The ID token has been revoked; sign in again.');
}

export interface StaffCallableSpec<N extends AdminCallable> {
  roles: readonly StaffRole[];
  action: AuditAction;
  targetType: AuditEntry['targetType'];
  details?: (input: CallableInput<N>) => AuditDetails;
}

export function staffCallable<N extends AdminCallable>(
  name: N,
  spec: StaffCallableSpec<N>,
  handler: (input: CallableInput<N>, actor: Actor, deps: AdminDeps) => Promise<unknown>,
) {
  return onCall(async (request): Promise<Record<string, never>> => {
    // A signed-out caller is refused before anything else (and not audited: there is no actor).
    const context = signedIn(request);
    const deps = defaultAdminDeps();
    const actor: Actor = { uid: context.uid, role: staffRoleOf(context.claims), via: 'callable', requestId: randomUUID() };
    const rawUid = (request.data as { uid?: unknown } | null)?.uid;
    let details: AuditDetails = {};
    try {
      await assertTokenCurrent(deps, context.uid, context.claims);
      const decision = await deps.rateLimiter.consume(STAFF_RATE_LIMIT_KEY(context.uid), [
        { max: ADMIN_RATE_LIMIT_PER_MINUTE.value(), windowSeconds: 60 },
      ]);
      if (!decision.allowed) {
        logs.adminRateLimited({ uid: context.uid, via: 'callable', retryAfterSeconds: decision.retryAfterSeconds });
        throw new ServiceError('rate-limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`);
      }
      if (actor.role === null || !spec.roles.includes(actor.role)) {
        throw new ServiceError('forbidden', `This needs the role ${spec.roles.join(' or ')}.`);
      }
      const input = parseInput(name, request.data);
      details = spec.details?.(input) ?? {};
      await handler(input, actor, deps);
      await audit(deps, actor, spec, rawUid, 200, null, details);
      return {};
    } catch (thrown) {
      const error = toHttpsError(thrown);
      if (error.code === 'internal') logs.adminRequestFailed({ requestId: actor.requestId, method: 'callable', route: name, error: String(thrown) });
      if (error.code !== 'resource-exhausted') {
        const status = isServiceError(thrown) ? HTTP_STATUS[thrown.kind] : (STATUS_OF_CODE[error.code] ?? 500);
        await audit(deps, actor, spec, rawUid, status, error.message, details);
      }
      throw error;
    }
  });
}

async function audit(
  deps: AdminDeps,
  actor: Actor,
  spec: { action: AuditAction; targetType: AuditEntry['targetType'] },
  rawUid: unknown,
  status: number,
  error: string | null,
  details: AuditDetails,
): Promise<void> {
  const targetId = typeof rawUid === 'string' ? rawUid : '';
  try {
    await recordAudit(deps, { actor, action: spec.action, targetType: spec.targetType, targetId, outcome: status < 400 ? 'success' : 'failure', status, error, details });
  } catch (thrown) {
    logs.auditWriteFailed({ action: spec.action, targetId, requestId: actor.requestId, error: String(thrown) });
  }
}
