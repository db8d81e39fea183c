/**
 * Checks the Firestore rules table itself: its shape, that every contract path is covered for all
 * five operations, that denials outnumber permissions, and that every request a row names exists.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '@natter/model';
import { MATRIX, matrixCounts, needsServerControl, type Op } from './firestore/matrix.ts';
import { ACTORS } from './firestore/world.ts';

const OPS: Op[] = ['get', 'list', 'create', 'update', 'delete'];

/** The path families of the contract's Firestore table, as the matrix spells them. */
const FAMILIES: Record<string, RegExp> = {
  'users/{uid}': /^users(\/[^/]+)?$/,
  'users/{uid}/private/account': /^users\/[^/]+\/private(\/account)?$/,
  'users/{uid}/devices/{deviceId}': /^users\/[^/]+\/devices(\/[^/]+)?$/,
  'users/{uid}/blocked/{otherUid}': /^users\/[^/]+\/blocked(\/[^/]+)?$/,
  'users/{uid}/readStates/{chatId}': /^users\/[^/]+\/readStates(\/[^/]+)?$/,
  'chats/{chatId}': /^chats(\/[^/]+)?$/,
  'chats/{chatId}/members/{uid}': /^chats\/[^/]+\/members(\/[^/]+)?$/,
  'chats/{chatId}/messages/{messageId}': /^chats\/[^/]+\/messages(\/[^/]+)?$/,
  'chats/{chatId}/messages/{pollId}/votes/{uid}': /^chats\/[^/]+\/messages\/[^/]+\/votes(\/[^/]+)?$/,
  'reports/{reportId}': /^reports(\/[^/]+)?$/,
  'scheduledMessages/{id}': /^scheduledMessages(\/[^/]+)?$/,
  ...Object.fromEntries(
    [COLLECTIONS.bans, COLLECTIONS.authCodes, COLLECTIONS.rateLimits, COLLECTIONS.inviteLinks, COLLECTIONS.auditLog, COLLECTIONS.jobs, COLLECTIONS.deadLetters, COLLECTIONS.stats]
      .map((c) => [`${c}/{id}`, new RegExp(`^${c}(/[^/]+)?$`)]),
  ),
};

describe('the Firestore rules matrix', () => {
  it('has several hundred cases, more denials than permissions', () => {
    const { cases, allow, deny } = matrixCounts();
    expect(cases).toBe(MATRIX.length * ACTORS.length);
    expect(cases).toBeGreaterThanOrEqual(300);
    expect(deny).toBeGreaterThan(allow);
    expect(allow).toBeGreaterThan(0);
  });

  it('gives every row a cell for each of the eight actors', () => {
    for (const row of MATRIX) expect(Object.keys(row.expect).sort()).toEqual([...ACTORS].sort());
  });

  it.each(Object.entries(FAMILIES))('covers %s with get, list, create, update and delete', (_family, pattern) => {
    const ops = new Set(MATRIX.filter((row) => pattern.test(row.path)).map((row) => row.op));
    expect([...ops].sort()).toEqual([...OPS].sort());
  });

  it('pairs every denial with a positive control: an allowed actor in the row, or the server', () => {
    for (const row of MATRIX) {
      const allowed = ACTORS.filter((actor) => row.expect[actor] === 'allow');
      expect(allowed.length > 0 || needsServerControl(row), `${row.op} ${row.path}`).toBe(true);
    }
  });

  it('never lets the unauthenticated caller through', () => {
    expect(MATRIX.filter((row) => row.expect.unauthenticated === 'allow')).toEqual([]);
  });

  it('names a request for every list, create and update, and none for get or delete', () => {
    for (const row of MATRIX) {
      expect(row.request === null, `${row.op} ${row.path}`).toBe(row.op === 'get' || row.op === 'delete');
    }
  });

  it('lets a banned user write nothing', () => {
    const writes = MATRIX.filter((row) => row.op !== 'get' && row.op !== 'list');
    expect(writes.filter((row) => row.expect.bannedUser === 'allow')).toEqual([]);
  });
});
