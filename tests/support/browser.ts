/**
 * Browser-tier support: Debian's Chromium driven by playwright-core, and the built web client
 * (bundled for the emulators by `npm test`) served by Vite's preview server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { RESULTS_DIR, ROOT } from './env.ts';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');

export function chromiumPath(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/** Why the browser tier cannot run here, or null when it can. */
export function missingBrowser(): string | null {
  if (!chromiumPath()) return 'no Chromium found (install Debian\'s chromium package or set CHROMIUM_PATH)';
  if (!existsSync(path.join(ROOT, 'web-client', 'dist', 'index.html'))) return 'the web client is not built (npm test builds it)';
  return null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Serves the built client. `port` overrides the preview port, e.g. the dev web port that the
 * functions' sign-in-link allow-list admits (DEV_PORTS.web).
 */
export async function serveWebClient({ port }: { port?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server: PreviewServer = await preview({
    configFile: path.join(ROOT, 'web-client', 'vite.config.ts'),
    logLevel: 'warn',
    ...(port ? { preview: { port, strictPort: true, host: 'localhost' } } : {}),
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report a URL');
  return { url, close: () => server.close() };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return path.join(SCREENSHOTS_DIR, `${name}.png`);
}
