/**
 * Runs a suite only where what it needs exists; otherwise prints `skipped: <suite>: <reason>` and
 * records it so `npm test` lists every skipped suite with its reason at the end. Never silent.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import { RESULTS_DIR, unavailableEmulators } from './env.ts';

export function describeWhen(missingReason: string | null, name: string, body: () => void): void {
  if (missingReason === null) {
    describe(name, body);
    return;
  }
  const line = `skipped: ${name}: ${missingReason}`;
  console.log(line);
  mkdirSync(RESULTS_DIR, { recursive: true });
  appendFileSync(path.join(RESULTS_DIR, 'skips.txt'), `${line}\n`);
  describe.skip(name, body);
}

/** The reason an emulator is missing here, or null when it runs. */
export function missingEmulator(name: 'database' | 'storage'): string | null {
  const reason = unavailableEmulators()[name];
  return reason ? `the ${name} emulator is not available on this machine (${reason})` : null;
}
