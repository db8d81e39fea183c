/**
 * How an admin API route is declared: method, path, who may call it, zod schemas for params,
 * query, body and response, what the audit log records, and a typed handler. The same
 * declarations drive validation, routing and the OpenAPI document.
 */
import { z } from 'zod';
import type { AuditAction, AuditEntry, StaffRole } from '@natter/model';
import type { Actor, AdminDeps } from '../deps.ts';
import type { AuditDetails } from '../services/audit.ts';
import { ApiError, type FieldError } from './problem.ts';

export type Access = 'public' | readonly StaffRole[];
export type Method = 'get' | 'post' | 'delete';

export interface RouteContext {
  deps: AdminDeps;
  /** The authenticated staff member; null only on public routes. */
  actor: Actor | null;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType | undefined> {
  operationId: string;
  method: Method;
  /** Express path under /v1, e.g. `/users/:uid`. */
  path: string;
  tag: string;
  summary: string;
  description: string;
  access: Access;
  params: P;
  query: Q;
  /** Undefined: the route takes no body and rejects any. */
  body?: B;
  /** A route whose body fields are all optional also accepts no body at all. */
  bodyOptional?: boolean;
  response: z.ZodType;
  /** What the response is when it is not JSON (the docs page). */
  produces?: 'application/json' | 'text/html';
  audit?: {
    action: AuditAction;
    targetType: AuditEntry['targetType'];
    /** The path parameter naming the target. */
    targetParam: string;
    details?: (body: Output<B>) => AuditDetails;
  };
  handle(input: { params: z.output<P>; query: z.output<Q>; body: Output<B> }, context: RouteContext): Promise<unknown>;
}

export interface RawInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** A declared route with its types erased, as the app, the OpenAPI builder and tests see it. */
export interface Route {
  operationId: string;
  method: Method;
  path: string;
  tag: string;
  summary: string;
  description: string;
  access: Access;
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType | undefined;
  bodyOptional: boolean;
  response: z.ZodType;
  produces: 'application/json' | 'text/html';
  audit: { action: AuditAction; targetType: AuditEntry['targetType']; targetParam: string } | undefined;
  /** Validates everything at once (all failing fields in one problem) and runs the handler. */
  run(raw: RawInput, context: RouteContext): Promise<unknown>;
  auditDetails(raw: RawInput): AuditDetails;
  /** Where a bare field name came from: `until` -> `body.until`. */
  locate(field: string): string;
}

/** Keys a schema accepts at its top level (objects, and unions of objects). */
export function topLevelKeys(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return [...new Set((schema.options as z.ZodType[]).flatMap((option) => topLevelKeys(option)))];
  return [];
}

/** Zod issues as field errors under a location prefix, one entry per unknown key. */
export function fieldErrors(error: z.ZodError, location: 'params' | 'query' | 'body'): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: `${base}.${key}`, message: 'is not an allowed field' }));
    return [{ field: base, message: issue.message }];
  });
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): Route {
  const keys = { params: topLevelKeys(spec.params), query: topLevelKeys(spec.query), body: topLevelKeys(spec.body) };
  const parseBody = (raw: unknown): z.ZodSafeParseResult<unknown> | null => {
    if (spec.body === undefined) {
      return raw === undefined ? null : { success: false, error: new z.ZodError([{ code: 'custom', path: [], message: 'this operation takes no body', input: raw }]) };
    }
    return spec.body.safeParse(raw === undefined && spec.bodyOptional ? {} : raw);
  };
  return {
    operationId: spec.operationId,
    method: spec.method,
    path: spec.path,
    tag: spec.tag,
    summary: spec.summary,
    description: spec.description,
    access: spec.access,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    bodyOptional: spec.bodyOptional ?? false,
    response: spec.response,
    produces: spec.produces ?? 'application/json',
    audit: spec.audit && { action: spec.audit.action, targetType: spec.audit.targetType, targetParam: spec.audit.targetParam },
    async run(raw, context) {
      const params = spec.params.safeParse(raw.params);
      const query = spec.query.safeParse(raw.query);
      const body = parseBody(raw.body);
      const errors = [
        ...(params.success ? [] : fieldErrors(params.error, 'params')),
        ...(query.success ? [] : fieldErrors(query.error, 'query')),
        ...(body === null || body.success ? [] : fieldErrors(body.error, 'body')),
      ];
      if (!params.success || !query.success || (body !== null && !body.success)) {
        const detail = errors.map((error) => `Field '${error.field}': ${error.message}`).join('; ');
        throw new ApiError('invalid-request', detail, { errors });
      }
      const input = { params: params.data, query: query.data, body: (body === null ? undefined : body.data) as Output<B> };
      return spec.handle(input, context);
    },
    auditDetails(raw) {
      if (!spec.audit?.details || spec.body === undefined) return {};
      const body = parseBody(raw.body);
      return body?.success ? spec.audit.details(body.data as Output<B>) : {};
    },
    locate(field) {
      for (const location of ['body', 'query', 'params'] as const) {
        if (keys[location].includes(field)) return `${location}.${field}`;
      }
      return field;
    },
  };
}
