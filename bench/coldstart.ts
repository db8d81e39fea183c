/**
 * `npm run bench -- --only coldstart`: the functions cold-start rows alone, without emulators (they
 * time fresh Node processes loading the built bundle). Writes bench/results/coldstart.md and .json.
 * Options: --cold-runs 5.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../tests/support/env.ts';
import { coldStartContext, coldStartLines } from './report.ts';
import { measureColdStart } from './scenarios/coldstart.ts';
import { progress } from './lib/time.ts';

const { values } = parseArgs({ options: { 'cold-runs': { type: 'string', default: '5' }, only: { type: 'string' } }, strict: true });
const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
const coldStart = measureColdStart(Number(values['cold-runs']));
const loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
const dir = path.join(ROOT, 'bench', 'results');
const command = `npm run bench -- --only coldstart --cold-runs ${values['cold-runs']}`;
const markdown = [
  '# Natter benchmark: functions cold start',
  '',
  `Command: \`${command}\``,
  '',
  `Run ${new Date().toISOString()} on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ` +
    `load average at start ${loadAverageAtStart.join(', ')}, at end ${loadAverageAtEnd.join(', ')} (shared machines skew ratios).`,
  '',
  ...coldStartLines(coldStart),
  `Context (machine-specific): ${coldStartContext(coldStart)}.`,
  '',
].join('\n');
writeFileSync(path.join(dir, 'coldstart.json'), `${JSON.stringify({ coldStart, loadAverageAtStart, loadAverageAtEnd }, null, 2)}\n`);
writeFileSync(path.join(dir, 'coldstart.md'), markdown);
progress('wrote bench/results/coldstart.md and coldstart.json');
