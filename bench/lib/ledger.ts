/**
 * Reads the function-write ledger that bench/preload/count-writes.mjs appends to from inside the
 * Functions emulator's runtime: one JSON line per committed batch or transaction.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { sleep } from './time.ts';

export interface LedgerEntry {
  at: number;
  pid: number;
  paths: string[];
  heavy: string[];
}

function ledgerFile(): string {
  const file = process.env.NATTER_BENCH_LEDGER;
  if (!file) throw new Error('NATTER_BENCH_LEDGER is not set: run the bench through `npm run bench`');
  return file;
}

export function readLedger(): LedgerEntry[] {
  const file = ledgerFile();
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as LedgerEntry);
}

/** The number of entries so far: a mark to count what happens after it. */
export function ledgerMark(): number {
  return readLedger().length;
}

export function entriesSince(mark: number): LedgerEntry[] {
  return readLedger().slice(mark);
}

function size(): number {
  const file = ledgerFile();
  return existsSync(file) ? statSync(file).size : 0;
}

/** Waits until no function has committed anything for `quietMs` (triggers are asynchronous). */
export async function waitLedgerQuiet(quietMs = 1_500, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = size();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`functions kept writing for ${timeoutMs} ms`);
    await sleep(100);
    const now = size();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Waits until functions have written every one of `paths` (e.g. onUserCreated's profile docs). */
export async function waitForWrites(paths: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const written = new Set(readLedger().flatMap((e) => e.paths));
    const missing = paths.filter((p) => !written.has(p));
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`functions never wrote ${missing.join(', ')}`);
    await sleep(100);
  }
}

/** A new Auth user fires onUserCreated; wait for its profile write so it stays out of later counts. */
export async function waitForUserSetup(uids: string[]): Promise<void> {
  await waitForWrites(uids.map((uid) => `users/${uid}`));
  await waitLedgerQuiet();
}
