/**
 * Firestore rules on the real Firestore emulator, in one file so the order is fixed: the
 * generated actor x path x operation matrix, the named attacks, and last the coverage check
 * (every `allow` expression must have been evaluated by the tests above).
 */
import { setLogLevel } from 'firebase/firestore';
import { afterAll, beforeAll, describe } from 'vitest';
import { registerAttacks } from './firestore/attacks.ts';
import { registerCoverage } from './firestore/coverageSuite.ts';
import { RulesHarness } from './firestore/harness.ts';
import { registerMatrix } from './firestore/matrixSuite.ts';

// Denials are the point of these tests; the SDK would log each one as an error.
setLogLevel('silent');

const harness = new RulesHarness();
beforeAll(async () => {
  await harness.start();
});
afterAll(async () => {
  await harness.stop();
});

describe('Firestore rules matrix (actor x path x operation)', () => {
  registerMatrix(harness);
});

describe('Firestore rules: named attacks', () => {
  registerAttacks(harness);
});

// Registered last, so it runs after everything above in this file (tests in a file run in order).
describe('Firestore rules coverage', () => {
  registerCoverage();
});
