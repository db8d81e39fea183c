/**
 * The last test of the Firestore rules file: reads the emulator's coverage report for the rules
 * project, writes test-results/rules-coverage.json and fails if any `allow` condition never ran.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { RESULTS_DIR, emulatorPort } from '../../support/env.ts';
import { RULES_PROJECT_ID } from '../../support/rules.ts';
import { matrixCounts } from './matrix.ts';
import { fetchCoverage, summarizeCoverage } from './coverage.ts';

export const COVERAGE_FILE = path.join(RESULTS_DIR, 'rules-coverage.json');

export function registerCoverage(): void {
  it('evaluated every allow condition in firestore.rules (writes test-results/rules-coverage.json)', async () => {
    const response = await fetchCoverage('127.0.0.1', emulatorPort('firestore'), RULES_PROJECT_ID);
    const summary = summarizeCoverage(response);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      COVERAGE_FILE,
      `${JSON.stringify({ project: RULES_PROJECT_ID, rules: 'firestore.rules', generatedAt: new Date().toISOString(), matrix: matrixCounts(), ...summary }, null, 2)}\n`,
    );
    const { expressions: e, allowStatements: a } = summary;
    console.log(
      `rules coverage: ${e.evaluated}/${e.total} expressions evaluated, ${e.seenTrue} seen true, ${e.seenFalse} seen false; ` +
        `${a.evaluated}/${a.total - a.constantFalse} allow conditions evaluated (+${a.constantFalse} constant false)`,
    );
    expect(summary.allowStatements.total).toBeGreaterThan(0);
    expect(summary.allowStatements.neverEvaluated, 'allow conditions no test evaluated').toEqual([]);
  });
}
