/**
 * Auth matrix for every route of the admin API, through the Functions emulator with real ID tokens
 * from the Auth emulator. Identities: no token, a malformed bearer token, a non-bearer scheme, an
 * expired token, a revoked token, a plain user, a moderator and an admin; each must get exactly
 * the expected status. The expired token is a real emulator token re-dated an hour into the past
 * (the Auth emulator issues unsigned tokens, so a re-dated copy is exactly what it would have
 * issued then; there is no way to ask it for a token issued in the past). The expired and revoked
 * tokens belong to admins, so the admin row is their positive control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@natter/model';
import { ROUTES } from '../src/admin/api/routes.ts';
import { adminAuth, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { apiFetch, mapConcurrent, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { seedChat, seedReport, seedUser } from '../../tests/support/natterData.ts';

type Identity = 'none' | 'malformed' | 'basic' | 'expired' | 'revoked' | 'user' | 'moderator' | 'admin';
const IDENTITIES: Identity[] = ['none', 'malformed', 'basic', 'expired', 'revoked', 'user', 'moderator', 'admin'];
type Access = 'public' | 'staff' | 'admin';

interface Row {
  operationId: string;
  method: string;
  access: Access;
  /** Path (and body) per identity, so identities that succeed on a mutating route act on their own target. */
  request: (who: Identity) => { path: string; body?: unknown };
}

const ROWS: Row[] = [
  { operationId: 'listUsers', method: 'GET', access: 'staff', request: () => ({ path: '/v1/users?limit=5' }) },
  { operationId: 'getUser', method: 'GET', access: 'staff', request: () => ({ path: '/v1/users/m-target' }) },
  { operationId: 'banUser', method: 'POST', access: 'staff', request: (who) => ({ path: `/v1/users/m-ban-${who}/ban`, body: { reason: 'matrix' } }) },
  { operationId: 'unbanUser', method: 'POST', access: 'staff', request: (who) => ({ path: `/v1/users/m-unban-${who}/unban` }) },
  { operationId: 'deleteUser', method: 'DELETE', access: 'admin', request: (who) => ({ path: `/v1/users/m-delete-${who}` }) },
  { operationId: 'exportUser', method: 'GET', access: 'admin', request: () => ({ path: '/v1/users/m-target/export' }) },
  { operationId: 'getChat', method: 'GET', access: 'admin', request: () => ({ path: '/v1/chats/m-chat' }) },
  { operationId: 'deleteChat', method: 'DELETE', access: 'admin', request: (who) => ({ path: `/v1/chats/m-chat-${who}` }) },
  { operationId: 'listReports', method: 'GET', access: 'staff', request: () => ({ path: '/v1/reports?status=open' }) },
  { operationId: 'getReport', method: 'GET', access: 'staff', request: () => ({ path: '/v1/reports/m-report' }) },
  { operationId: 'resolveReport', method: 'POST', access: 'staff', request: (who) => ({ path: `/v1/reports/m-report-${who}/resolve`, body: { action: 'dismiss' } }) },
  { operationId: 'getStats', method: 'GET', access: 'admin', request: () => ({ path: '/v1/stats?from=2026-01-01&to=2026-01-07' }) },
  { operationId: 'listAuditEntries', method: 'GET', access: 'admin', request: () => ({ path: '/v1/audit?limit=5' }) },
  { operationId: 'getOpenApi', method: 'GET', access: 'public', request: () => ({ path: '/v1/openapi.json' }) },
  { operationId: 'getDocs', method: 'GET', access: 'public', request: () => ({ path: '/v1/docs' }) },
];

function expected(access: Access, who: Identity): number {
  if (access === 'public') return 200;
  if (['none', 'malformed', 'basic', 'expired', 'revoked'].includes(who)) return 401;
  if (who === 'user') return 403;
  if (who === 'moderator') return access === 'staff' ? 200 : 403;
  return 200;
}

/** A real emulator ID token with its times moved an hour into the past. */
function redated(token: string): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  const moved = { ...claims, iat: hourAgo - 3600, auth_time: hourAgo - 3600, exp: hourAgo };
  return `${header}.${Buffer.from(JSON.stringify(moved)).toString('base64url')}.`;
}

const headers: Partial<Record<Identity, Record<string, string>>> = {};
const sessions: SignedIn[] = [];

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  const [admin, moderator, user, revoked, expiring] = await Promise.all([
    tokenFor('m-admin', 'admin'),
    tokenFor('m-moderator', 'moderator'),
    tokenFor('m-user'),
    tokenFor('m-revoked-admin', 'admin'),
    tokenFor('m-expired-admin', 'admin'),
  ]);
  sessions.push(admin, moderator, user, revoked, expiring);
  // Revocation compares whole seconds: revoke strictly after the token's auth_time.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await adminAuth.revokeRefreshTokens(revoked.uid);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  Object.assign(headers, {
    none: {},
    malformed: { authorization: 'Bearer not.a-token' },
    basic: { authorization: `Basic ${Buffer.from('m-admin:secret').toString('base64')}` },
    expired: bearer(redated(expiring.token)),
    revoked: bearer(revoked.token),
    user: bearer(user.token),
    moderator: bearer(moderator.token),
    admin: bearer(admin.token),
  });

  await seedUser('m-target', { devices: 1 });
  await seedChat('m-chat', ['m-target', 'm-user'], { messages: [['m-target', 'hello']] });
  await seedUser('m-reporter');
  for (const who of IDENTITIES) {
    await seedUser(`m-ban-${who}`);
    await seedUser(`m-unban-${who}`);
    await seedUser(`m-delete-${who}`);
    await seedChat(`m-chat-${who}`, ['m-target', `m-delete-${who}`], { messages: [['m-target', 'bye']] });
    await seedReport(`m-report-${who}`, { reporterId: 'm-reporter', chatId: 'm-chat', messageId: 'm1', senderId: 'm-target' });
  }
  await seedReport('m-report', { reporterId: 'm-reporter', chatId: 'm-chat', messageId: 'm1', senderId: 'm-target' });
});

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.session.close()));
});

describe('admin API auth matrix (Functions emulator, real ID tokens)', () => {
  it('covers every route the API declares', () => {
    expect(ROWS.map((row) => row.operationId).sort()).toEqual(ROUTES.map((route) => route.operationId).sort());
  });

  it('gives every identity exactly the expected status on every route', async () => {
    const cases = ROWS.flatMap((row) => IDENTITIES.map((who) => ({ row, who })));
    const outcomes = await mapConcurrent(cases, 6, async ({ row, who }) => {
      const { path, body } = row.request(who);
      const response = await apiFetch(row.method, path, { headers: headers[who], body });
      return { label: `${row.method} ${path} as ${who}`, status: response.status, expected: expected(row.access, who), response };
    });
    const table = outcomes.map((o) => `${o.label}: ${o.status}`);
    expect(table).toEqual(outcomes.map((o) => `${o.label}: ${o.expected}`));
    for (const outcome of outcomes.filter((o) => o.status >= 400)) {
      expect(outcome.response.contentType, outcome.label).toMatch(/^application\/problem\+json/);
      expect(problemSchema.parse(outcome.response.json).status, outcome.label).toBe(outcome.status);
    }
    const challenged = outcomes.filter((o) => o.status === 401);
    expect(challenged.every((o) => o.response.headers.get('www-authenticate')?.startsWith('Bearer'))).toBe(true);
    console.log(`auth matrix: ${outcomes.length} requests (${ROWS.length} routes x ${IDENTITIES.length} identities)`);
  });

  it('says why a token was refused', async () => {
    const detail = async (who: Identity) => problemSchema.parse((await apiFetch('GET', '/v1/users', { headers: headers[who] })).json).detail;
    expect(await detail('expired')).toMatch(/expired/);
    expect(await detail('revoked')).toMatch(/revoked/);
    expect(await detail('none')).toMatch(/Bearer/);
  });
});
