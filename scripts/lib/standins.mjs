// Builds the offline stand-ins for the Realtime Database and Storage emulators (whose stock jars
// firebase-tools can only download) into .emulators/standins, once per change of their inputs.
// The source folder is NATTER_EMULATOR_STANDINS, or ../shared/emulators beside the repository;
// it is only read (CI mounts it read-only). Its README says what is real and what is substituted.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, STATE_DIR } from './project.mjs';

const OUT_DIR = path.join(STATE_DIR, 'standins');
const FINGERPRINT = path.join(OUT_DIR, 'inputs.sha256');

/** What each stand-in replaces: the emulator name and the file firebase-tools runs for it. */
export const STANDIN_BINARIES = {
  database: { variable: 'DATABASE_EMULATOR_BINARY_PATH', file: path.join(OUT_DIR, 'rtdb-lite.jar') },
  storage: { variable: 'STORAGE_EMULATOR_BINARY_PATH', file: path.join(OUT_DIR, 'storage-rules-runtime.jar') },
};

/** The stand-ins' source folder, or null when this machine has none. */
export function standinSource(env = process.env) {
  const source = path.resolve(ROOT, env.NATTER_EMULATOR_STANDINS || path.join('..', 'shared', 'emulators'));
  return existsSync(path.join(source, 'build.sh')) ? source : null;
}

function filesUnder(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Every input of a build: the sources by content, the SDK jar they compile against by size and time. */
function fingerprint(source, firestoreJar) {
  const hash = createHash('sha256');
  for (const file of filesUnder(source)) hash.update(`${path.relative(source, file)}\0`).update(readFileSync(file));
  const jar = statSync(firestoreJar);
  hash.update(`${firestoreJar}\0${jar.size}\0${jar.mtimeMs}\0${OUT_DIR}`);
  return hash.digest('hex');
}

/**
 * Makes sure the stand-ins are built from `source` against the Cloud SDK's Firestore jar (whose
 * rules engine the Storage runtime uses). Returns `{ ok: true }`, or `{ ok: false, reason }` in
 * one sentence (build.sh names what to install when the JDK is missing).
 */
export function ensureStandins(source, firestoreJar) {
  if (!firestoreJar) return { ok: false, reason: "the stand-ins need the Google Cloud SDK's Firestore emulator jar, which is not installed" };
  const expected = fingerprint(source, firestoreJar);
  const built = Object.values(STANDIN_BINARIES).every(({ file }) => existsSync(file));
  if (built && existsSync(FINGERPRINT) && readFileSync(FINGERPRINT, 'utf8') === expected) return { ok: true };

  const run = spawnSync('bash', [path.join(source, 'build.sh'), OUT_DIR], {
    encoding: 'utf8',
    env: { ...process.env, FIRESTORE_EMULATOR_JAR: firestoreJar },
  });
  if (run.status !== 0) {
    const said = (run.stderr || run.stdout || String(run.error ?? '')).trim().split('\n').at(-1);
    return { ok: false, reason: `building the stand-ins from ${source} failed: ${said}` };
  }
  writeFileSync(FINGERPRINT, expected);
  return { ok: true };
}
