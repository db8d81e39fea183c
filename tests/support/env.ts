/** Where the emulators are, for tests: ports follow firebase.json shifted by NATTER_PORT_OFFSET. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT_ID = 'demo-natter';
export const REGION = 'us-central1';
export const RESULTS_DIR = path.join(ROOT, 'test-results');

interface EmulatorEntry {
  host: string;
  port: number;
}
const firebaseJson = JSON.parse(readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as {
  emulators: Record<string, EmulatorEntry | boolean>;
};
const offset = Number(process.env.NATTER_PORT_OFFSET ?? 0);

export function emulatorPort(name: 'auth' | 'firestore' | 'functions' | 'pubsub' | 'tasks' | 'database' | 'storage' | 'hub'): number {
  const entry = firebaseJson.emulators[name];
  if (typeof entry !== 'object') throw new Error(`firebase.json has no ${name} emulator`);
  return entry.port + offset;
}

export const DEV_PORTS = { smtp: 1025 + offset, inbox: 1080 + offset, web: 5173 + offset };

export function functionsUrl(name: string): string {
  return `http://127.0.0.1:${emulatorPort('functions')}/${PROJECT_ID}/${REGION}/${name}`;
}

/** Emulators that could not be had on this machine, with the reason prepare-emulators recorded. */
export function unavailableEmulators(): Record<string, string> {
  return JSON.parse(process.env.NATTER_UNAVAILABLE ?? '{}') as Record<string, string>;
}
