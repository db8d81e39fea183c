// `npm test`: every tier in one command. Unit tests run without emulators; emulator and browser
// tests run inside `firebase emulators:exec`. Ends with one line: `N passed, N failed, N skipped`.
//
//   npm test                      all tiers
//   npm test -- --tier unit       one tier (unit | emulator | browser)
//   npm test -- rules             extra arguments are vitest file filters
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareEmulators } from './prepare-emulators.mjs';
import { childEnv, spawnFirebase } from './lib/firebase.mjs';
import { assertPortsFree } from './lib/ports.mjs';
import { BIN, EMULATOR_PORTS, PORT_OFFSET, RESULTS_DIR, ROOT } from './lib/project.mjs';
import { SKIPS_FILE, findChromium } from './lib/browser.mjs';

const { values, positionals } = parseArgs({
  options: { tier: { type: 'string', multiple: true } },
  allowPositionals: true,
});
const tiers = values.tier ?? ['unit', 'emulator', 'browser'];
const filters = positionals;

mkdirSync(RESULTS_DIR, { recursive: true });
rmSync(SKIPS_FILE, { force: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, env: childEnv(env), stdio: 'inherit' });
  return result.status ?? 1;
}

function vitestArgs(projects, resultFile) {
  return [
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultFile}`,
    '--passWithNoTests',
    ...filters,
  ];
}

/** Reads a vitest JSON report; a tier that crashed before writing one counts as one failure. */
function readCounts(file, label, exitCode) {
  if (!existsSync(file)) {
    console.error(`${label}: no results were written (exit code ${exitCode}); counted as a failure.`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failedSuites = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  recordFailures(report, label);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites + (exitCode !== 0 && report.numFailedTests === 0 && failedSuites === 0 ? 1 : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/**
 * CI keeps only the tail of a run's output, so the names of failed tests and the first line of
 * each reason are repeated just above the totals line.
 */
const failures = [];
function recordFailures(report, label) {
  const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
  for (const suite of report.testResults) {
    const file = path.relative(ROOT, suite.name);
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failures.push(`${label}: ${file}: ${firstLine(suite.message)}`);
    }
    for (const test of suite.assertionResults) {
      if (test.status === 'failed') failures.push(`${label}: ${file} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function add(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

if (tiers.includes('unit')) {
  const file = path.join(RESULTS_DIR, 'unit.json');
  rmSync(file, { force: true });
  const code = run(path.join(BIN, 'vitest'), vitestArgs(['unit'], file));
  add(readCounts(file, 'unit tier', code));
}

const emulatorProjects = tiers.filter((t) => t === 'emulator' || t === 'browser');
if (emulatorProjects.length > 0) {
  const { env, emulators, unavailable } = prepareEmulators();
  await assertPortsFree(Object.fromEntries(
    Object.entries(EMULATOR_PORTS).filter(([name]) => !['database', 'storage'].includes(name) || emulators.includes(name)),
  ));
  if (run('node', ['functions/build.mjs']) !== 0) {
    console.error('The functions bundle did not build; emulator tests cannot run.');
    add({ passed: 0, failed: 1, skipped: 0 });
  } else {
    if (emulatorProjects.includes('browser') && findChromium()) {
      const built = run(path.join(BIN, 'vite'), ['build', '--config', 'web-client/vite.config.ts', '--logLevel', 'warn'], {
        VITE_USE_EMULATORS: 'true',
        NATTER_EMULATORS: emulators.join(','),
      });
      if (built !== 0) console.error('The web client did not build; browser tests will fail.');
    }
    // Emulator and browser files share one emulator suite, and vitest runs projects side by side,
    // so each tier is its own vitest run, one after the other, inside the same emulators:exec.
    const runs = emulatorProjects.map((tier) => ({ tier, file: path.join(RESULTS_DIR, `${tier}.json`) }));
    for (const { file } of runs) rmSync(file, { force: true });
    const inner = runs
      .map(({ tier, file }) => ['vitest', ...vitestArgs([tier], file)].map((a) => JSON.stringify(a)).join(' '))
      .join(' ; ');
    const { exited } = spawnFirebase(['emulators:exec', '--only', emulators.join(','), inner], {
      env: { ...env, NATTER_PORT_OFFSET: String(PORT_OFFSET), NATTER_UNAVAILABLE: JSON.stringify(unavailable) },
    });
    const code = await exited;
    for (const { tier, file } of runs) add(readCounts(file, `${tier} tier`, existsSync(file) ? 0 : code));
  }
}

if (existsSync(SKIPS_FILE)) {
  console.log('\nSkipped suites and why:');
  process.stdout.write(readFileSync(SKIPS_FILE, 'utf8'));
}
if (failures.length > 0) {
  console.log('\nFailed tests:');
  for (const line of failures) console.log(`- ${line}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
