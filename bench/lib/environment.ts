/** Versions and machine facts recorded with every bench run. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../tests/support/env.ts';

const PACKAGES = ['firebase-tools', 'firebase-functions', 'firebase-admin', 'firebase', '@google-cloud/firestore', 'zod'];

function packageVersion(name: string): string {
  const file = path.join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'not installed';
}

function quiet(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return 'unknown';
  }
}

export interface Environment {
  startedAt: string;
  gitCommit: string;
  node: string;
  packages: Record<string, string>;
  firestoreEmulator: string;
  machine: { platform: string; release: string; cpus: number; cpuModel: string; memoryGiB: number; loadAverageAtStart: number[] };
}

export function describeEnvironment(): Environment {
  const launcher = path.join(ROOT, '.emulators', 'firestore-launcher.jar');
  const cpus = os.cpus();
  return {
    startedAt: new Date().toISOString(),
    gitCommit: quiet('git', ['rev-parse', '--short', 'HEAD']),
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
    firestoreEmulator: existsSync(launcher) ? quiet('java', ['-jar', launcher, '--version']) : 'downloaded by firebase-tools',
    machine: {
      platform: os.platform(),
      release: os.release(),
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
}
