// Prepares the Firebase emulators before `npm start`, `npm test` and `npm run bench`.
// Idempotent and quick when already done. It prefers emulators preinstalled with the Google Cloud
// SDK (no download: these machines are offline) and falls back to firebase-tools' own download.
// The Realtime Database and Storage emulators exist only as downloads: where those fail, the
// offline stand-ins are built (lib/standins.mjs) and firebase-tools runs them instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, CORE_EMULATORS, STATE_DIR } from './lib/project.mjs';
import { jarManifest, zipStored } from './lib/zip.mjs';
import { writeFunctionsLocalConfig } from './lib/functions-local-config.mjs';
import { STANDIN_BINARIES, ensureStandins, standinSource } from './lib/standins.mjs';

const FIRESTORE_MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
const DOWNLOAD_RETRY_MS = 24 * 60 * 60 * 1000;
const DOWNLOAD_TIMEOUT_MS = 45_000;
const FIREBASE_CACHE = path.join(os.homedir(), '.cache', 'firebase', 'emulators');

/** Emulators firebase-tools must download itself: their jar names in its cache. */
const DOWNLOADED = {
  database: /^firebase-database-emulator-v.*\.jar$/,
  storage: /^cloud-storage-rules-runtime-v.*\.jar$/,
};

function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

function javaMajorVersion() {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (run.error) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

function cloudSdkRoots() {
  const roots = [process.env.CLOUDSDK_ROOT_DIR, '/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk',
    '/opt/google-cloud-sdk', path.join(os.homedir(), 'google-cloud-sdk')];
  const gcloud = spawnSync('sh', ['-c', 'command -v gcloud'], { encoding: 'utf8' }).stdout.trim();
  if (gcloud) roots.push(path.resolve(path.dirname(realpathSync(gcloud)), '..'));
  return roots.filter((root) => root && existsSync(path.join(root, 'platform')));
}

function findInSdk(relative) {
  for (const root of cloudSdkRoots()) {
    const candidate = path.join(root, 'platform', relative);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The preinstalled jar has no Main-Class; a one-manifest launcher jar points java at it. */
function ensureFirestoreLauncher(emulatorJar) {
  const launcher = path.join(STATE_DIR, 'firestore-launcher.jar');
  const manifest = jarManifest({
    'Manifest-Version': '1.0',
    'Main-Class': FIRESTORE_MAIN_CLASS,
    'Class-Path': pathToFileURL(emulatorJar).href,
  });
  const jar = zipStored([{ name: 'META-INF/MANIFEST.MF', data: manifest }]);
  if (!existsSync(launcher) || !readFileSync(launcher).equals(jar)) writeFileSync(launcher, jar);
  return launcher;
}

function readState() {
  try {
    return JSON.parse(readFileSync(path.join(STATE_DIR, 'state.json'), 'utf8'));
  } catch {
    return {};
  }
}

function isCached(name) {
  return existsSync(FIREBASE_CACHE) && readdirSync(FIREBASE_CACHE).some((f) => DOWNLOADED[name].test(f));
}

/** Tries firebase-tools' own download once a day at most; offline it fails fast and we remember. */
function tryDownload(name, state) {
  if (isCached(name)) return { ok: true };
  if (process.env.NATTER_NO_EMULATOR_DOWNLOADS === '1') {
    return { ok: false, reason: 'NATTER_NO_EMULATOR_DOWNLOADS=1 and its jar is not cached' };
  }
  const last = state.downloads?.[name];
  if (last && Date.now() - last.at < DOWNLOAD_RETRY_MS) return { ok: false, reason: last.reason };
  const run = spawnSync(path.join(BIN, 'firebase'), [`setup:emulators:${name}`], {
    encoding: 'utf8',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (run.status === 0 && isCached(name)) return { ok: true };
  const reason = `the ${name} emulator could not be downloaded by firebase-tools (no internet access?)`;
  state.downloads = { ...state.downloads, [name]: { at: Date.now(), reason } };
  return { ok: false, reason };
}

/**
 * One downloadable emulator, in order of preference: a binary named by the environment, the stock
 * download, the offline stand-in. Sets the stand-in's binary path in `env` when it is used.
 */
function obtainDownloadable(name, { state, source, firestoreJar, env }) {
  const { variable, file } = STANDIN_BINARIES[name];
  const given = process.env[variable];
  if (given && existsSync(given)) return { ok: true, how: `${variable} from the environment` };
  const download = tryDownload(name, state);
  if (download.ok) return { ok: true, how: 'firebase-tools download' };
  if (!source) return { ok: false, reason: `${download.reason}, and no stand-ins were found (set NATTER_EMULATOR_STANDINS)` };
  const standin = ensureStandins(source, firestoreJar);
  if (!standin.ok) return { ok: false, reason: `${download.reason}; ${standin.reason}` };
  env[variable] = file;
  return { ok: true, how: `offline stand-in ${file}` };
}

/**
 * Returns the environment to run firebase-tools with, the emulators to start and, for each
 * emulator that cannot run here, why.
 */
export function prepareEmulators({ quiet = false } = {}) {
  mkdirSync(STATE_DIR, { recursive: true });
  // Params that follow the port offset and local secret values, before the Functions emulator reads them.
  writeFunctionsLocalConfig();
  const java = javaMajorVersion();
  if (java === null) {
    fail('Java is missing: the Firestore and Pub/Sub emulators need Java 11 or newer ' +
      '(Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless), then run the command again.');
  }
  if (java < 11) fail(`Java ${java} is too old: the emulators need Java 11 or newer; install a newer JDK and run again.`);

  const env = {};
  const notes = [];
  const firestoreJar = findInSdk('cloud-firestore-emulator/cloud-firestore-emulator.jar');
  if (process.env.FIRESTORE_EMULATOR_BINARY_PATH) {
    notes.push('firestore: FIRESTORE_EMULATOR_BINARY_PATH from the environment');
  } else if (firestoreJar) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = ensureFirestoreLauncher(firestoreJar);
    notes.push(`firestore: preinstalled ${firestoreJar}`);
  } else {
    notes.push('firestore: firebase-tools download');
  }
  const pubsubBin = findInSdk('pubsub-emulator/bin/cloud-pubsub-emulator');
  if (process.env.PUBSUB_EMULATOR_BINARY_PATH) {
    notes.push('pubsub: PUBSUB_EMULATOR_BINARY_PATH from the environment');
  } else if (pubsubBin) {
    env.PUBSUB_EMULATOR_BINARY_PATH = pubsubBin;
    notes.push(`pubsub: preinstalled ${pubsubBin}`);
  } else {
    notes.push('pubsub: firebase-tools download');
  }

  const state = readState();
  const emulators = [...CORE_EMULATORS];
  const unavailable = {};
  const source = standinSource();
  for (const name of Object.keys(DOWNLOADED)) {
    const result = obtainDownloadable(name, { state, source, firestoreJar, env });
    notes.push(`${name}: ${result.ok ? result.how : `unavailable (${result.reason})`}`);
    if (result.ok) emulators.push(name);
    else unavailable[name] = result.reason;
  }
  writeFileSync(path.join(STATE_DIR, 'state.json'), JSON.stringify(state, null, 2));

  env.NATTER_EMULATORS = emulators.join(',');
  env.NATTER_UNAVAILABLE = JSON.stringify(unavailable);
  if (!quiet) {
    console.log(`emulators: ${emulators.join(', ')}`);
    for (const note of notes) console.log(`  ${note}`);
  }
  return { env, emulators, unavailable };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) prepareEmulators();
