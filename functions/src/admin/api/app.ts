/**
 * The admin REST API as an express 5 app: `createApp(deps, config)` so the `api` function serves
 * it and tests can run it in-process. Per route: authenticate (ID token, revocation checked), rate
 * limit per caller, authorise by role, validate params, query and body strictly, run, audit.
 * Every failure leaves as problem JSON; nothing reaches express's default error page.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { ADMIN_API_LIMITS } from '@natter/model';
import { logs } from '../../lib/logs.ts';
import { STAFF_RATE_LIMIT_KEY, type Actor, type AdminDeps, type RateLimit } from '../deps.ts';
import { recordAudit } from '../services/audit.ts';
import { authenticate } from './authenticate.ts';
import { parseJsonBody, queryOf, rawBodyReader } from './body.ts';
import { cors } from './cors.ts';
import { ApiError, problemBody, toApiError } from './problem.ts';
import { ROUTES } from './routes.ts';
import type { Route } from './route.ts';

export interface ApiConfig {
  corsOrigins: readonly string[];
  rateLimits: readonly RateLimit[];
  maxBodyBytes?: number;
}

function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : 'unknown';
}

function sendProblem(req: Request, res: Response, error: ApiError): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res
    .status(error.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(error, req.originalUrl.split('?')[0] ?? '/')));
}

/** Resolves with the limiter's verdict; a limiter that cannot answer lets the call through (logged). */
async function allowedByLimiter(deps: AdminDeps, actor: Actor, limits: readonly RateLimit[]): Promise<void> {
  const uid = actor.uid ?? 'unknown';
  let decision;
  try {
    decision = await deps.rateLimiter.consume(STAFF_RATE_LIMIT_KEY(uid), limits);
  } catch (error) {
    logs.adminRequestFailed({ requestId: actor.requestId, method: 'limiter', route: 'rate limiter', error: String(error) });
    return;
  }
  if (!decision.allowed) {
    logs.adminRateLimited({ uid, via: actor.via, retryAfterSeconds: decision.retryAfterSeconds });
    throw new ApiError('rate-limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, {
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    });
  }
}

function handlerFor(route: Route, deps: AdminDeps, config: Required<ApiConfig>): RequestHandler {
  return async (req, res) => {
    const requestId = requestIdOf(res);
    const rawParams: Record<string, unknown> = { ...req.params };
    let actor: Actor | null = null;
    let body: unknown;
    try {
      if (route.access !== 'public') {
        const caller = await authenticate(deps.auth, req.headers.authorization);
        actor = { uid: caller.uid, role: caller.role, via: 'api', requestId };
        await allowedByLimiter(deps, actor, config.rateLimits);
        if (caller.role === null || !route.access.includes(caller.role)) {
          throw new ApiError('forbidden', `This operation needs the role ${route.access.join(' or ')}.`);
        }
      }
      body = parseJsonBody(req, res.locals.rawBody as Buffer, config.maxBodyBytes);
      const result = await route.run({ params: rawParams, query: queryOf(req), body }, { deps, actor });
      if (route.audit && actor) await audit(deps, route, actor, { params: rawParams, body }, 200, null);
      if (route.produces === 'text/html') {
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        res.status(200).type('text/html').send(String(result));
      } else {
        res.status(200).type('application/json').send(JSON.stringify(result));
      }
    } catch (thrown) {
      const error = toApiError(thrown, (field) => route.locate(field));
      if (error.status >= 500) {
        const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
        logs.adminRequestFailed({ requestId, method: req.method, route: route.operationId, error: message });
      }
      // Refusals by the limiter are not audited: they would let a flood write the log.
      if (route.audit && actor && error.status !== 429) {
        await audit(deps, route, actor, { params: rawParams, body }, error.status, error.message);
      }
      sendProblem(req, res, error);
    }
  };
}

async function audit(
  deps: AdminDeps,
  route: Route,
  actor: Actor,
  raw: { params: Record<string, unknown>; body: unknown },
  status: number,
  error: string | null,
): Promise<void> {
  if (!route.audit) return;
  const target = raw.params[route.audit.targetParam];
  const targetId = typeof target === 'string' ? target : '';
  try {
    await recordAudit(deps, {
      actor,
      action: route.audit.action,
      targetType: route.audit.targetType,
      targetId,
      outcome: status < 400 ? 'success' : 'failure',
      status,
      error,
      details: route.auditDetails({ params: raw.params, query: {}, body: raw.body }),
    });
  } catch (thrown) {
    logs.auditWriteFailed({ action: route.audit.action, targetId, requestId: actor.requestId, error: String(thrown) });
  }
}

export function createApp(deps: AdminDeps, config: ApiConfig): Express {
  const settings: Required<ApiConfig> = { maxBodyBytes: ADMIN_API_LIMITS.maxBodyBytes, ...config };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cors(settings.corsOrigins));
  app.use(rawBodyReader(settings.maxBodyBytes));

  const v1 = express.Router();
  const byPath = new Map<string, Route[]>();
  for (const route of ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  for (const [path, routes] of byPath) {
    const chain = v1.route(path);
    for (const route of routes) chain[route.method](handlerFor(route, deps, settings));
    const methods = routes.map((route) => route.method.toUpperCase());
    const allow = [...new Set(methods.includes('GET') ? [...methods, 'HEAD'] : methods)].join(', ');
    chain.all((req, res) => {
      res.setHeader('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      sendProblem(req, res, new ApiError('method-not-allowed', `${req.method} is not allowed here; use ${allow}.`));
    });
  }
  app.use('/v1', v1);

  app.use((req, res) => {
    sendProblem(req, res, new ApiError('not-found', `No route matches ${req.method} ${req.path}.`));
  });
  const onError: ErrorRequestHandler = (thrown, req, res, _next) => {
    const error = toApiError(thrown);
    if (error.status >= 500) logs.adminRequestFailed({ requestId: requestIdOf(res), method: req.method, route: req.path, error: String(thrown) });
    sendProblem(req, res, error);
  };
  app.use(onError);
  return app;
}
