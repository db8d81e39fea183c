/**
 * Functions cold start: wall time for a fresh Node process to load what one function's instance
 * evaluates, against a bare `node -e 0` measured alternately in the same run, and which heavy
 * modules that pulls in. Per function, two moments: "load" (functions/lib/index.js and the one
 * export the runtime reads, which is all an instance evaluates before it is ready) and "first
 * call" (plus the handler modules the wiring imports on its first call). "All functions" reads
 * every export, as deploy-time discovery does (and as every instance did when the entry was one
 * eager bundle).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tests/support/env.ts';
import { median, ratio, round } from '../lib/stats.ts';
import { now, progress } from '../lib/time.ts';

export const HEAVY_MODULES = [
  '@grpc/grpc-js',
  '@google-cloud/firestore',
  'firebase-admin',
  'jose',
  'zod',
  'express',
  'nodemailer',
  '@sentry/node',
  '@google-cloud/tasks',
] as const;

/**
 * The functions measured (the message trigger, the push worker, the API, a callable), each with
 * the SDK module its definition needs (loaded alone as a reference: what no wiring can avoid) and
 * the handler modules its first call imports (built chunks are named after the source file).
 */
export const MEASURED_FUNCTIONS: Record<string, { sdk: string; handlers: string[] }> = {
  onMessageCreated: { sdk: 'firebase-functions/v2/firestore', handlers: ['handleMessageCreated'] },
  sendMessageNotifications: { sdk: 'firebase-functions/v2/tasks', handlers: ['handleMessageNotifications'] },
  api: { sdk: 'firebase-functions/v2/https', handlers: ['app', 'deps'] },
  openDirectChat: { sdk: 'firebase-functions/v2/https', handlers: ['openDirectChat', 'callableInput'] },
};

export interface FunctionColdStart {
  name: string;
  sdk: string;
  /** The SDK trigger module alone. */
  sdkMs: number;
  sdkRatio: number;
  loadMs: number;
  loadRatio: number;
  firstCallMs: number;
  firstCallRatio: number;
  heavyAtLoad: string[];
  heavyAtFirstCall: string[];
}

export interface ColdStart {
  runs: number;
  bareMs: number;
  /** Every export read, as deploy-time discovery does. */
  loadMs: number;
  ratio: number;
  heavyAtLoad: string[];
  functions: FunctionColdStart[];
}

const LIB = path.join(ROOT, 'functions', 'lib');

function timeNode(code: string): { ms: number; stdout: string } {
  const started = now();
  const run = spawnSync(process.execPath, ['-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    // The Admin SDK's v1 Auth provider wants a project id when it is defined, as it has deployed.
    env: { ...process.env, NODE_OPTIONS: '', GCLOUD_PROJECT: process.env.GCLOUD_PROJECT ?? 'demo-natter' },
  });
  const ms = now() - started;
  if (run.status !== 0) throw new Error(`node -e failed: ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

/** The built chunk of a source module that is loaded with `import()` (esbuild names it `<name>-<hash>.mjs`). */
function chunkOf(name: string): string {
  const found = readdirSync(path.join(LIB, 'chunks')).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.mjs'));
  if (found.length !== 1) throw new Error(`expected one built chunk for ${name}, found ${found.length}; is it still imported with import()?`);
  return path.join(LIB, 'chunks', found[0] ?? '');
}

/**
 * A probe script: runs `body`, then prints which heavy packages were loaded, by require or import
 * (a module hook sees both; the CommonJS cache alone misses ES module packages such as zod).
 */
function probe(body: string): string {
  return "const files=[];require('node:module').registerHooks({load(url,context,next){files.push(url);return next(url,context)}});" +
    `(async () => {${body};` +
    `const heavy=${JSON.stringify(HEAVY_MODULES)}.filter((n)=>files.some((f)=>f.includes('/node_modules/'+n+'/')));` +
    'process.stdout.write(JSON.stringify(heavy));})().catch((e)=>{console.error(e);process.exit(1)});';
}

function measure(runs: number, code: string, bare: number[]): { ms: number; heavy: string[] } {
  const times: number[] = [];
  let heavy: string[] = [];
  for (let i = 0; i < runs; i++) {
    // Bare and loaded runs alternate so a load change on a shared machine hits both.
    bare.push(timeNode('0').ms);
    const loaded = timeNode(code);
    times.push(loaded.ms);
    heavy = JSON.parse(loaded.stdout) as string[];
  }
  return { ms: median(times), heavy };
}

export function measureColdStart(runs: number, names: string[] = Object.keys(MEASURED_FUNCTIONS)): ColdStart {
  const entry = JSON.stringify(path.join(LIB, 'index.js'));
  timeNode('0'); // warm the file cache once
  const bare: number[] = [];
  const all = measure(runs, probe(`const m=require(${entry});for(const k of Object.keys(m))void m[k]`), bare);
  const functions: Omit<FunctionColdStart, 'sdkRatio' | 'loadRatio' | 'firstCallRatio'>[] = names.map((name) => {
    const measured = MEASURED_FUNCTIONS[name];
    if (!measured) throw new Error(`no cold-start entry for ${name}`);
    const read = `const fn=require(${entry})[${JSON.stringify(name)}];if(typeof fn!=='function')throw new Error('no export ${name}')`;
    const handlers = measured.handlers.map((module) => `await import(${JSON.stringify(chunkOf(module))})`).join(';');
    const sdk = measure(runs, probe(`require(${JSON.stringify(measured.sdk)})`), bare);
    const load = measure(runs, probe(read), bare);
    const firstCall = measure(runs, probe(`${read};${handlers}`), bare);
    return { name, sdk: measured.sdk, sdkMs: sdk.ms, loadMs: load.ms, firstCallMs: firstCall.ms, heavyAtLoad: load.heavy, heavyAtFirstCall: firstCall.heavy };
  });
  const bareMs = median(bare);
  progress(`cold start: ${runs} runs each, bare node ${round(bareMs, 1)} ms`);
  return {
    runs,
    bareMs: round(bareMs, 1),
    loadMs: round(all.ms, 1),
    ratio: ratio(all.ms, bareMs),
    heavyAtLoad: all.heavy,
    functions: functions.map((f) => ({
      ...f,
      sdkMs: round(f.sdkMs, 1),
      sdkRatio: ratio(f.sdkMs, bareMs),
      loadMs: round(f.loadMs, 1),
      firstCallMs: round(f.firstCallMs, 1),
      loadRatio: ratio(f.loadMs, bareMs),
      firstCallRatio: ratio(f.firstCallMs, bareMs),
    })),
  };
}
