// Facts about the local Natter project that every script shares: paths, project id and ports.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT_ID = 'demo-natter';
export const STATE_DIR = path.join(ROOT, '.emulators');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const BIN = path.join(ROOT, 'node_modules', '.bin');

const firebaseJson = JSON.parse(readFileSync(path.join(ROOT, 'firebase.json'), 'utf8'));

/**
 * NATTER_PORT_OFFSET shifts every port so several checkouts can run their emulators side by side
 * (e.g. parallel worktrees). The default, 0, keeps the contract's ports. Use multiples of 10 below
 * 100 except 60: no two of Natter's ports differ by a multiple of 10 below 100, so those sets never
 * overlap (60 would move the Functions emulator to 5061, a port fetch refuses; checked below).
 */
export const PORT_OFFSET = Number(process.env.NATTER_PORT_OFFSET ?? 0);

/** Emulator ports come from firebase.json so there is one source of truth. */
export const EMULATOR_PORTS = Object.fromEntries(
  Object.entries(firebaseJson.emulators)
    .filter(([, v]) => typeof v === 'object' && v !== null && 'port' in v)
    .map(([name, v]) => [name, v.port + PORT_OFFSET]),
);
EMULATOR_PORTS['firestore websocket'] = firebaseJson.emulators.firestore.websocketPort + PORT_OFFSET;

/** Ports that `npm start` adds beside the emulators. */
export const DEV_PORTS = { smtp: 1025 + PORT_OFFSET, inbox: 1080 + PORT_OFFSET, web: 5173 + PORT_OFFSET };

/**
 * Ports browsers and Node's fetch refuse to connect to (the WHATWG Fetch "bad port" list); offset
 * 60, for one, would put the Functions emulator on 5061 and every callable test would fail.
 */
const FETCH_BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665,
  6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const blocked = Object.entries({ ...EMULATOR_PORTS, ...DEV_PORTS }).filter(([, port]) => FETCH_BLOCKED_PORTS.has(port));
if (blocked.length > 0) {
  throw new Error(
    `NATTER_PORT_OFFSET=${PORT_OFFSET} puts ${blocked.map(([name, port]) => `${name} on ${port}`).join(', ')}, a port browsers and fetch refuse; pick another offset (10, 20, 30 ...).`,
  );
}

/** Emulators that always run locally; database and storage join when they can be obtained. */
export const CORE_EMULATORS = ['auth', 'firestore', 'functions', 'pubsub', 'tasks'];

/** `--config` arguments for firebase-tools: a generated copy of firebase.json when ports are shifted. */
export function firebaseConfigArgs() {
  if (PORT_OFFSET === 0) return [];
  const shifted = structuredClone(firebaseJson);
  for (const value of Object.values(shifted.emulators)) {
    if (typeof value !== 'object' || value === null) continue;
    if ('port' in value) value.port += PORT_OFFSET;
    if ('websocketPort' in value) value.websocketPort += PORT_OFFSET;
  }
  const file = path.join(ROOT, `firebase.offset-${PORT_OFFSET}.json`);
  writeFileSync(file, JSON.stringify(shifted, null, 2));
  return ['--config', file];
}

/** Environment the Admin SDK and client code need to reach the emulators and the dev mailbox. */
export function emulatorClientEnv() {
  const host = (name) => `127.0.0.1:${EMULATOR_PORTS[name]}`;
  return {
    GCLOUD_PROJECT: PROJECT_ID,
    NATTER_PORT_OFFSET: String(PORT_OFFSET),
    FIREBASE_AUTH_EMULATOR_HOST: host('auth'),
    FIRESTORE_EMULATOR_HOST: host('firestore'),
    FIREBASE_DATABASE_EMULATOR_HOST: host('database'),
    FIREBASE_STORAGE_EMULATOR_HOST: host('storage'),
    PUBSUB_EMULATOR_HOST: host('pubsub'),
    CLOUD_TASKS_EMULATOR_HOST: host('tasks'),
    FIREBASE_EMULATOR_HUB: host('hub'),
  };
}
