/**
 * Realtime Database rules evaluated in-process with targaryen: the shared table (every cell) and
 * the named attacks, each with its positive control. The same table runs on the RTDB emulator in
 * database.emulator.test.ts wherever that emulator is available.
 */
import { describe, expect, it } from 'vitest';
import * as targaryen from 'targaryen';
import { parseJsonWithComments } from '../support/jsonc.ts';
import { readRulesFile } from '../support/rules.ts';
import {
  CHAT,
  RTDB_ACTORS,
  RTDB_ATTACKS,
  RTDB_CLAIMS,
  RTDB_MATRIX,
  RTDB_UID,
  SERVER_TIME,
  resolveRtdbPath,
  rtdbWorld,
  type RtdbActor,
  type RtdbOp,
  type RtdbValue,
} from './database/cases.ts';

const rules = parseJsonWithComments(readRulesFile('database.rules.json')) as { rules: Record<string, unknown> };
const NOW = 1_800_000_000_000;
const database = targaryen.database(rules, rtdbWorld(NOW), NOW);

function toTargaryen(value: RtdbValue): unknown {
  if (value === SERVER_TIME) return { '.sv': 'timestamp' };
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTargaryen(v)]));
  }
  return value;
}

function authFor(uid: string | null, claims: Record<string, string> = {}): Record<string, unknown> | null {
  return uid === null ? null : { uid, provider: 'custom', token: { sub: uid, ...claims } };
}

function attempt(auth: Record<string, unknown> | null, op: RtdbOp, self: string): targaryen.Result {
  const path = resolveRtdbPath(op.path, self);
  const as = database.as(auth);
  return op.kind === 'read' ? as.read(path, { now: NOW }) : as.write(path, toTargaryen(op.value), { now: NOW });
}

function uidOf(actor: RtdbActor): string | null {
  return actor === 'unauthenticated' ? null : RTDB_UID[actor];
}

describe('database.rules.json matrix (targaryen)', () => {
  for (const row of RTDB_MATRIX) {
    describe(`${row.op.kind} ${row.op.path}: ${row.what}`, () => {
      const control = RTDB_ACTORS.find((a) => row.expect[a] === 'allow');
      for (const actor of RTDB_ACTORS) {
        const expected = row.expect[actor];
        it(`${actor}: ${expected}${expected === 'deny' ? ` (control: ${control ? `${control} is allowed` : 'server only'})` : ''}`, () => {
          const uid = uidOf(actor);
          const result = attempt(authFor(uid, RTDB_CLAIMS[actor]), row.op, uid ?? RTDB_UID.member);
          expect(result.allowed, result.info).toBe(expected === 'allow');
        });
      }
    });
  }
});

describe('database.rules.json named attacks (targaryen)', () => {
  for (const attack of RTDB_ATTACKS) {
    it(attack.name, () => {
      const denied = attempt(authFor(attack.uid), attack.deny, attack.uid);
      expect(denied.allowed, denied.info).toBe(false);
      const controlUid = attack.controlUid ?? attack.uid;
      const control = attempt(authFor(controlUid), attack.control, controlUid);
      expect(control.allowed, control.info).toBe(true);
    });
  }
});

describe('the /chatMembers mirror decides typing access', () => {
  it('admits a user the moment the server mirror lists them, and drops one it no longer lists', () => {
    const typing = (db: targaryen.Database, uid: string) => db.as(authFor(uid)).write(`typing/${CHAT}/${uid}`, { '.sv': 'timestamp' }, { now: NOW });
    const world = rtdbWorld(NOW);
    expect(typing(database, 'sam').allowed).toBe(false);
    const joined = targaryen.database(rules, { ...world, chatMembers: { [CHAT]: { ...world.chatMembers[CHAT], sam: true } } }, NOW);
    expect(typing(joined, 'sam').allowed).toBe(true);
    expect(typing(database, 'mia').allowed).toBe(true);
    const left = targaryen.database(rules, { ...world, chatMembers: { [CHAT]: { ada: true } } }, NOW);
    expect(typing(left, 'mia').allowed).toBe(false);
  });
});
