import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { banBodySchema, resolveReportBodySchema, userParamsSchema } from '@natter/model';
import type { RouteContext } from './route.ts';
import { defineRoute, fieldErrors, topLevelKeys } from './route.ts';
import { ApiError, problemBody, toApiError } from './problem.ts';
import { ServiceError } from '../errors.ts';

const context = {} as RouteContext;

const ban = defineRoute({
  operationId: 'banUser',
  method: 'post',
  path: '/users/:uid/ban',
  tag: 'Users',
  summary: '',
  description: '',
  access: ['admin'],
  params: userParamsSchema,
  query: z.strictObject({}),
  body: banBodySchema,
  response: z.unknown(),
  handle: ({ params, body }) => Promise.resolve({ uid: params.uid, reason: body.reason }),
});

async function failure(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('route input validation', () => {
  it('runs the handler with typed input when everything is valid (positive control)', async () => {
    await expect(ban.run({ params: { uid: 'u1' }, query: {}, body: { reason: 'spam' } }, context)).resolves.toEqual({ uid: 'u1', reason: 'spam' });
  });

  it('names every failing field across params, query and body in one problem', async () => {
    const error = await failure(() => ban.run({ params: { uid: 'a/b' }, query: { x: '1' }, body: { reason: '', extra: true } }, context));
    expect(error.status).toBe(400);
    expect(error.errors.map((e) => e.field).sort()).toEqual(['body.extra', 'body.reason', 'params.uid', 'query.x']);
  });

  it('rejects a body on routes that take none, and a missing body where one is required', async () => {
    const get = defineRoute({
      operationId: 'getUser',
      method: 'get',
      path: '/users/:uid',
      tag: 'Users',
      summary: '',
      description: '',
      access: ['admin'],
      params: userParamsSchema,
      query: z.strictObject({}),
      response: z.unknown(),
      handle: () => Promise.resolve({}),
    });
    expect((await failure(() => get.run({ params: { uid: 'u' }, query: {}, body: { a: 1 } }, context))).errors).toEqual([{ field: 'body', message: 'this operation takes no body' }]);
    expect((await failure(() => ban.run({ params: { uid: 'u' }, query: {}, body: undefined }, context))).errors[0]?.field).toBe('body');
  });

  it('lists one error per unknown key', () => {
    const result = z.strictObject({}).safeParse({ a: 1, b: 2 });
    expect(result.success ? [] : fieldErrors(result.error, 'query')).toEqual([
      { field: 'query.a', message: 'is not an allowed field' },
      { field: 'query.b', message: 'is not an allowed field' },
    ]);
  });

  it('knows the top-level keys of objects and discriminated unions', () => {
    expect(topLevelKeys(banBodySchema).sort()).toEqual(['reason', 'until']);
    expect(topLevelKeys(resolveReportBodySchema).sort()).toEqual(['action', 'note', 'reason', 'until']);
    expect(ban.locate('until')).toBe('body.until');
    expect(ban.locate('uid')).toBe('params.uid');
  });
});

describe('problem details', () => {
  it('maps service errors to statuses and names the located field', () => {
    const error = toApiError(new ServiceError('invalid', 'must be in the future', { field: 'until' }), (f) => `body.${f}`);
    expect(problemBody(error, '/v1/users/u/ban')).toEqual({
      type: 'urn:natter:problem:invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: "Field 'body.until': must be in the future",
      instance: '/v1/users/u/ban',
      errors: [{ field: 'body.until', message: 'must be in the future' }],
    });
    expect(toApiError(new ServiceError('conflict', 'already resolved')).status).toBe(409);
  });

  it('maps body-reader errors by status and hides unexpected errors', () => {
    expect(toApiError(Object.assign(new Error('too big'), { status: 413, type: 'entity.too.large' })).status).toBe(413);
    const hidden = toApiError(new TypeError('secret internals at line 3'));
    expect(hidden.status).toBe(500);
    expect(hidden.message).not.toContain('secret');
  });
});
