/**
 * Property-based invalid requests against every admin API route, through the Functions emulator
 * with a real admin ID token (so validation, not authorisation, is what answers). For each route
 * at least 200 cases derived from the route's own schemas (see tests/support/invalidRequests.ts):
 * no response >= 500, no unknown key accepted, and every error in the one problem-JSON shape.
 *
 * Not sent here: bodies that are not JSON at all, or JSON primitives. The Cloud Functions platform
 * parses `application/json` bodies before the function runs and answers those itself (400, its own
 * page); the API's own handling of them is tested in-process in adminApi.http.emulator.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paths, problemSchema } from '@natter/model';
import { Timestamp } from 'firebase-admin/firestore';
import { ROUTES } from '../src/admin/api/routes.ts';
import { adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { mapConcurrent, rawRequest, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { invalidRequests, type InvalidCase, type ValidBase } from '../../tests/support/invalidRequests.ts';

const RUNS = 22;
const BATCH = 10;
/** One request at a time per caller: the limiter's per-caller document would otherwise see lock contention. */
const CONCURRENCY = 1;
const SEED = Number(process.env.NATTER_FUZZ_SEED ?? 20_261_121);

/** A valid request per route; each case breaks one part of it. */
const BASES: Record<string, ValidBase> = {
  listUsers: { params: {}, query: { limit: '5' }, body: undefined },
  getUser: { params: { uid: 'fuzz-target' }, query: {}, body: undefined },
  banUser: { params: { uid: 'fuzz-target' }, query: {}, body: { reason: 'fuzzing' } },
  unbanUser: { params: { uid: 'fuzz-target' }, query: {}, body: {} },
  deleteUser: { params: { uid: 'fuzz-target' }, query: {}, body: undefined },
  exportUser: { params: { uid: 'fuzz-target' }, query: { limit: '10' }, body: undefined },
  getChat: { params: { chatId: 'fuzz-chat' }, query: {}, body: undefined },
  deleteChat: { params: { chatId: 'fuzz-chat' }, query: {}, body: undefined },
  listReports: { params: {}, query: { status: 'open' }, body: undefined },
  getReport: { params: { reportId: 'fuzz-report' }, query: {}, body: undefined },
  resolveReport: { params: { reportId: 'fuzz-report' }, query: {}, body: { action: 'dismiss' } },
  getStats: { params: {}, query: { from: '2026-01-01', to: '2026-01-02' }, body: undefined },
  listAuditEntries: { params: {}, query: { limit: '5' }, body: undefined },
  getOpenApi: { params: {}, query: {}, body: undefined },
  getDocs: { params: {}, query: {}, body: undefined },
};

interface Outcome {
  testCase: InvalidCase;
  status: number;
  contentType: string;
  json: unknown;
}

async function send(testCase: InvalidCase, token: string | null): Promise<Outcome> {
  const search = new URLSearchParams(testCase.query).toString();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (testCase.contentType) headers['content-type'] = testCase.contentType;
  const { status, contentType, text } = await rawRequest(testCase.method.toUpperCase(), `${testCase.path}${search ? `?${search}` : ''}`, headers, testCase.body);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { testCase, status, contentType, json };
}

function describeOutcome(o: Outcome): string {
  return `${o.testCase.kind}: ${o.testCase.method} ${o.testCase.path.slice(0, 120)} -> ${o.status} ${JSON.stringify(o.json)?.slice(0, 300)}`;
}

/**
 * The user, chat and report the base requests name exist, with evidence that makes the chat's
 * messages visible: a request must get past "not found" for its cursor to be decoded at all.
 */
async function seedBaseTargets(): Promise<void> {
  const now = Timestamp.now();
  await Promise.all([
    adminDb.doc(paths.user('fuzz-target')).set({ uid: 'fuzz-target', displayName: 'Fuzz', displayNameLower: 'fuzz', photoURL: null, about: '', createdAt: now, online: false, lastSeenAt: null }),
    adminDb.doc(paths.chat('fuzz-chat')).set({ type: 'group', memberIds: ['fuzz-target'], adminIds: ['fuzz-target'], name: 'Fuzz', createdBy: 'fuzz-target', createdAt: now }),
    adminDb.doc(paths.report('fuzz-report')).set({
      reporterId: 'fuzz-target',
      target: { type: 'message', chatId: 'fuzz-chat', messageId: 'm1' },
      reason: 'fuzzing',
      status: 'open',
      createdAt: now,
      evidence: { available: true, unavailableReason: null, capturedAt: now },
    }),
  ]);
}

const admins = new Map<string, SignedIn>();
const tally = { requests: 0, byStatus: {} as Record<number, number>, started: 0 };

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  await seedBaseTargets();
  // One admin per route: each has its own rate-limit budget and limiter document.
  for (const route of ROUTES) admins.set(route.operationId, await tokenFor(`fuzz-${route.operationId}`, 'admin'));
  tally.started = Date.now();
});

afterAll(async () => {
  await Promise.all([...admins.values()].map((a) => a.session.close()));
  const seconds = (Date.now() - tally.started) / 1000;
  console.log(`fuzz: ${tally.requests} invalid requests in ${seconds.toFixed(0)} s (${(tally.requests / seconds).toFixed(1)}/s), statuses ${JSON.stringify(tally.byStatus)}, seed ${SEED}`);
});

describe('invalid requests derived from each route\'s schemas (Functions emulator)', () => {
  it('has a valid base request for every route', () => {
    expect(Object.keys(BASES).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
  });

  for (const route of ROUTES) {
    it(`${route.method.toUpperCase()} /v1${route.path}: ${RUNS * BATCH} cases, no 5xx, no unknown key accepted, one error shape`, { timeout: 600_000 }, async () => {
      const token = route.access === 'public' ? null : (admins.get(route.operationId)?.token ?? null);
      const base = BASES[route.operationId];
      if (!base) throw new Error(`no base request for ${route.operationId}`);
      const kinds = new Map<string, number>();
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(invalidRequests(route, base), { minLength: BATCH, maxLength: BATCH }), async (cases) => {
          const outcomes = await mapConcurrent(cases, CONCURRENCY, (c) => send(c, token));
          sent += outcomes.length;
          tally.requests += outcomes.length;
          for (const o of outcomes) {
            tally.byStatus[o.status] = (tally.byStatus[o.status] ?? 0) + 1;
            kinds.set(o.testCase.kind, (kinds.get(o.testCase.kind) ?? 0) + 1);
            expect(o.status, describeOutcome(o)).toBeLessThan(500);
            expect(o.status, describeOutcome(o)).toBe(o.testCase.expectedStatus);
            expect(o.contentType, describeOutcome(o)).toMatch(/^application\/problem\+json/);
            const problem = problemSchema.parse(o.json);
            expect(problem.status).toBe(o.status);
            if (o.testCase.namesField) expect(problem.errors.map((e) => e.field), describeOutcome(o)).toContain(o.testCase.namesField);
            if (o.status === 400) expect(problem.errors.length, describeOutcome(o)).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(sent).toBeGreaterThanOrEqual(200);
      // The generator must exercise the main kinds for the route, not just one.
      expect(kinds.size, JSON.stringify([...kinds])).toBeGreaterThanOrEqual(route.body === undefined ? 4 : 7);
    });
  }
});
