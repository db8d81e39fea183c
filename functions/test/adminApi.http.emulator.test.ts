/**
 * The admin API as HTTP: its OpenAPI 3.1 document and docs page as served, CORS for configured
 * origins only, unknown routes and wrong methods, body handling and rate limiting. Through the
 * Functions emulator where the platform lets requests through; the body parser's own answers to
 * non-JSON bodies and the limiter's 429 (which needs a small budget) are also checked in-process,
 * with `createApp` against the same emulators.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@natter/model';
import { createApp } from '../src/admin/api/app.ts';
import { openApiPath } from '../src/admin/api/openapi.ts';
import { ROUTES } from '../src/admin/api/routes.ts';
import { defaultAdminDeps, type AdminDeps } from '../src/admin/deps.ts';
import { clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { apiFetch, rawRequest, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { validateOpenApi31 } from '../../tests/support/openapi.ts';

const ALLOWED_ORIGIN = 'http://localhost:5173';
let admin: SignedIn;
let second: SignedIn;

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  admin = await tokenFor('h-admin', 'admin');
  second = await tokenFor('h-admin-2', 'admin');
});

afterAll(async () => {
  await Promise.all([admin.session.close(), second.session.close()]);
});

describe('documentation served by the function', () => {
  it('serves an OpenAPI 3.1 document that validates and lists every route', async () => {
    const response = await apiFetch('GET', '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(validateOpenApi31(response.json)).toEqual([]);
    const document = response.json as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toMatch(/^3\.1\./);
    for (const route of ROUTES) expect(document.paths[openApiPath(route)]?.[route.method]?.operationId).toBe(route.operationId);
    expect(Object.values(document.paths).flatMap((item) => Object.keys(item))).toHaveLength(ROUTES.length);
  });

  it('serves a readable, self-contained docs page', async () => {
    const response = await apiFetch('GET', '/v1/docs');
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    for (const route of ROUTES) expect(response.text).toContain(`id="${route.operationId}"`);
    expect(response.text).toContain('urn:natter:problem:invalid-request');
    expect(response.text).not.toMatch(/<script|src="https?:|href="https?:/);
  });
});

describe('routing and methods', () => {
  it('answers unknown routes with 404 problem JSON', async () => {
    for (const path of ['/v1/nope', '/v2/users', '/', '/v1/users/a/b/c']) {
      const response = await apiFetch('GET', path, { token: admin.token });
      expect(response.status, path).toBe(404);
      expect(problemSchema.parse(response.json).status).toBe(404);
    }
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await apiFetch('PUT', '/v1/users', { token: admin.token, body: {} });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(problemSchema.parse(response.json).title).toBe('Method not allowed');
    const patch = await apiFetch('PATCH', '/v1/users/u1', { token: admin.token, body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, DELETE, HEAD');
    const options = await apiFetch('OPTIONS', '/v1/users/u1/ban');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST');
  });
});

describe('CORS', () => {
  it('answers preflights from the configured origin', async () => {
    const response = await apiFetch('OPTIONS', '/v1/users', {
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const simple = await apiFetch('GET', '/v1/users', { token: admin.token, headers: { origin: ALLOWED_ORIGIN } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('gives other origins no CORS headers and refuses their preflights', async () => {
    const preflight = await apiFetch('OPTIONS', '/v1/users', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(problemSchema.parse(preflight.json).status).toBe(403);
    const simple = await apiFetch('GET', '/v1/users', { token: admin.token, headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('bodies through the Functions emulator', () => {
  it('answers an oversize body with 413 problem JSON', async () => {
    const response = await apiFetch('POST', '/v1/users/h-admin-2/ban', { token: admin.token, body: { reason: 'x'.repeat(70 * 1024) } });
    expect(response.status).toBe(413);
    expect(problemSchema.parse(response.json).title).toBe('Payload too large');
  });

  it('answers a non-JSON media type with 415 problem JSON', async () => {
    const response = await apiFetch('POST', '/v1/users/h-admin-2/ban', { token: admin.token, rawBody: 'reason=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(problemSchema.parse(response.json).status).toBe(415);
  });

  it('leaves malformed JSON to the platform parser, which answers 400 without a stack trace', async () => {
    const response = await rawRequest('POST', '/v1/users/h-admin-2/ban', { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, '{"reason": ');
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/at JSON\.parse|node_modules|SyntaxError/);
  });
});

describe('the same app in-process (createApp against the emulators)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const deps: AdminDeps = { ...defaultAdminDeps(), media: { deletePrefix: () => Promise.resolve(0) } };
    const app = createApp(deps, { corsOrigins: [ALLOWED_ORIGIN], rateLimits: [{ max: 5, windowSeconds: 60 }] });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function post(body: string | Uint8Array, contentType = 'application/json') {
    const response = await fetch(`${base}/v1/users/h-admin-2/ban`, {
      method: 'POST',
      headers: { authorization: `Bearer ${second.token}`, 'content-type': contentType },
      body,
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', problem: problemSchema.parse(await response.json()) };
  }

  it('answers bodies that are not JSON objects with problem JSON naming the body', async () => {
    const malformed = await post('{"reason": ');
    expect(malformed).toMatchObject({ status: 400, problem: { title: 'Malformed body', errors: [{ field: 'body', message: 'is not valid JSON' }] } });
    expect(malformed.type).toMatch(/^application\/problem\+json/);
    expect((await post('"just a string"')).problem.errors).toEqual([{ field: 'body', message: 'Invalid input: expected object, received string' }]);
    expect((await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).problem.errors).toEqual([{ field: 'body', message: 'is not valid UTF-8' }]);
    expect((await post('{"reason":"x"}', 'application/json; charset=latin1')).status).toBe(415);
    expect((await post(JSON.stringify({ reason: 'y'.repeat(70_000) }))).status).toBe(413);
  });

  it('rate limits per caller through the limiter: 429 with Retry-After, other callers unaffected', async () => {
    // Fresh callers: the limiter's counts are shared with the deployed function's calls above.
    const [busy, calm] = await Promise.all([tokenFor('h-busy-admin', 'admin'), tokenFor('h-calm-admin', 'admin')]);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${base}/v1/users?limit=1`, { headers: { authorization: `Bearer ${busy.token}` } });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(problemSchema.parse(await response.json()).title).toBe('Too many requests');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    const other = await fetch(`${base}/v1/users?limit=1`, { headers: { authorization: `Bearer ${calm.token}` } });
    expect(other.status).toBe(200);
    await Promise.all([busy.session.close(), calm.session.close()]);
  });
});
