/**
 * database.rules.json on the real Realtime Database emulator: the same table and attacks as the
 * targaryen unit tests (database/cases.ts), through the client SDK. Runs wherever the RTDB
 * emulator is available; elsewhere it prints `skipped: <reason>`.
 */
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { ref, serverTimestamp, set, type Database } from 'firebase/database';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { databaseRulesEnvironment, expectAllowed, expectDenied, modularDatabase, readOnce, seedDatabase } from '../support/rules.ts';
import { describeWhen, missingEmulator } from '../support/skip.ts';
import {
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

/** The RTDB client reports rule denials with this code. */
const DENIED = 'PERMISSION_DENIED';

function toSdk(value: RtdbValue): unknown {
  if (value === SERVER_TIME) return serverTimestamp();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSdk(v)]));
  }
  return value;
}

describeWhen(missingEmulator('database'), 'database.rules.json on the RTDB emulator', () => {
  let env: RulesTestEnvironment;
  const clients = new Map<string, Database>();

  function client(uid: string | null, claims?: Record<string, string>): Database {
    const key = uid ?? '';
    let db = clients.get(key);
    if (!db) {
      db = modularDatabase(uid === null ? env.unauthenticatedContext() : env.authenticatedContext(uid, claims));
      clients.set(key, db);
    }
    return db;
  }

  async function attempt(db: Database, op: RtdbOp, self: string): Promise<unknown> {
    const path = resolveRtdbPath(op.path, self);
    return op.kind === 'read' ? readOnce(ref(db, path)) : set(ref(db, path), toSdk(op.value));
  }

  beforeAll(async () => {
    env = await databaseRulesEnvironment();
  });
  beforeEach(async () => {
    await seedDatabase(rtdbWorld(Date.now()));
  });
  afterAll(async () => {
    await env.cleanup();
  });

  const uidOf = (actor: RtdbActor) => (actor === 'unauthenticated' ? null : RTDB_UID[actor]);

  for (const row of RTDB_MATRIX) {
    describe(`${row.op.kind} ${row.op.path}: ${row.what}`, () => {
      for (const actor of RTDB_ACTORS) {
        it(`${actor}: ${row.expect[actor]}`, async () => {
          const uid = uidOf(actor);
          const request = attempt(client(uid, RTDB_CLAIMS[actor]), row.op, uid ?? RTDB_UID.member);
          await (row.expect[actor] === 'allow' ? expectAllowed(request) : expectDenied(request, DENIED));
        });
      }
    });
  }

  describe('named attacks', () => {
    for (const attack of RTDB_ATTACKS) {
      it(attack.name, async () => {
        await expectDenied(attempt(client(attack.uid), attack.deny, attack.uid), DENIED);
        const controlUid = attack.controlUid ?? attack.uid;
        await expectAllowed(attempt(client(controlUid), attack.control, controlUid));
      });
    }
    it('the server (rules disabled) writes /chatMembers, which then admits the new member', async () => {
      await expectDenied(attempt(client('sam'), { kind: 'write', path: 'typing/group-1/sam', value: SERVER_TIME }, 'sam'), DENIED);
      await env.withSecurityRulesDisabled(async (context) => {
        await set(ref(modularDatabase(context), 'chatMembers/group-1/sam'), true);
      });
      await expectAllowed(attempt(client('sam'), { kind: 'write', path: 'typing/group-1/sam', value: SERVER_TIME }, 'sam'));
    });
  });
});
