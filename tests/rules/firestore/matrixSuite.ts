/**
 * Generates one test per matrix cell: the actor performs the row's request; an `allow` cell must
 * succeed, a `deny` cell must fail with `permission-denied`. Rows nobody may perform also get a
 * positive control: the identical request with rules disabled succeeds, so the denial is the
 * rules' doing and not a malformed request.
 */
import { afterEach, beforeAll, describe, it } from 'vitest';
import { expectAllowed, expectDenied } from '../../support/rules.ts';
import type { RulesHarness } from './harness.ts';
import { MATRIX, needsServerControl, type MatrixRow } from './matrix.ts';
import { perform, resolvePath, selfFor } from './operations.ts';
import { ACTORS, type Actor } from './world.ts';

const WRITES = new Set(['create', 'update', 'delete']);

function controlFor(row: MatrixRow): string {
  const allowed = ACTORS.filter((actor) => row.expect[actor] === 'allow');
  return allowed.length > 0 ? `${allowed[0]} is allowed` : 'rules disabled succeeds';
}

export function registerMatrix(harness: RulesHarness): void {
  beforeAll(async () => {
    await harness.reset();
  });
  afterEach(async () => {
    await harness.restore();
  });

  async function run(row: MatrixRow, rowIndex: number, actor: Actor): Promise<void> {
    const self = selfFor(harness.uidOf(actor));
    const path = resolvePath(row.path, self, `new-${rowIndex}-${actor}`);
    if (row.fresh) await harness.seed({ [path]: null });
    const request = perform(harness.client(actor), row, self, path);
    if (row.expect[actor] === 'allow') {
      await expectAllowed(request);
      if (WRITES.has(row.op)) harness.touch(path);
    } else {
      // A wrongly allowed write is still put back, so one failure does not cascade.
      if (WRITES.has(row.op)) harness.touch(path);
      await expectDenied(request);
    }
  }

  MATRIX.forEach((row, rowIndex) => {
    describe(`${row.op} ${row.path}: ${row.what}`, () => {
      const control = controlFor(row);
      for (const actor of ACTORS) {
        const expected = row.expect[actor];
        it(`${actor}: ${expected}${expected === 'deny' ? ` (control: ${control})` : ''}`, async () => {
          await run(row, rowIndex, actor);
        });
      }
      if (needsServerControl(row)) {
        it('control: the same request succeeds with rules disabled', async () => {
          const self = selfFor(null);
          const path = resolvePath(row.path, self, `new-${rowIndex}-control`);
          if (WRITES.has(row.op)) harness.touch(path);
          await harness.admin(async (db) => {
            if (row.fresh) await perform(db, { ...row, op: 'delete' }, self, path);
            await expectAllowed(perform(db, row, self, path));
          });
        });
      }
    });
  });
}
