// Finds a Chromium for browser tests and names the file where skipped suites record their reason.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './project.mjs';

export const SKIPS_FILE = path.join(RESULTS_DIR, 'skips.txt');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}
