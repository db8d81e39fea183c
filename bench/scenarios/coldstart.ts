/**
 * Functions cold start: wall time for a fresh Node process to load the bundled entry
 * (functions/lib/index.js), against a bare `node -e 0`, and which heavy modules loading it pulls in.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../tests/support/env.ts';
import { median, ratio, round } from '../lib/stats.ts';
import { now, progress } from '../lib/time.ts';

export const HEAVY_MODULES = ['@grpc/grpc-js', 'nodemailer', '@sentry/node', '@google-cloud/tasks', '@google-cloud/firestore'] as const;

export interface ColdStart {
  runs: number;
  bareMs: number;
  loadMs: number;
  ratio: number;
  /** Heavy modules present in require.cache right after loading the entry. */
  heavyAtLoad: string[];
}

function timeNode(code: string): { ms: number; stdout: string } {
  const started = now();
  const run = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = now() - started;
  if (run.status !== 0) throw new Error(`node -e failed: ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

export function measureColdStart(runs: number): ColdStart {
  const entry = path.join(ROOT, 'functions', 'lib', 'index.js');
  const probe = `require(${JSON.stringify(entry)});` +
    `const heavy=${JSON.stringify(HEAVY_MODULES)}.filter((n)=>Object.keys(require.cache).some((f)=>f.includes('/node_modules/'+n+'/')));` +
    'process.stdout.write(JSON.stringify(heavy));';
  const bare: number[] = [];
  const load: number[] = [];
  let heavyAtLoad: string[] = [];
  timeNode('0'); // warm the file cache once
  for (let i = 0; i < runs; i++) {
    bare.push(timeNode('0').ms);
    const loaded = timeNode(probe);
    load.push(loaded.ms);
    heavyAtLoad = JSON.parse(loaded.stdout) as string[];
  }
  progress(`cold start: ${runs} runs each`);
  return { runs, bareMs: round(median(bare), 1), loadMs: round(median(load), 1), ratio: ratio(median(load), median(bare)), heavyAtLoad };
}
