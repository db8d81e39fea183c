// Runs the pinned firebase-tools CLI with the prepared emulator environment.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN, PROJECT_ID, ROOT, firebaseConfigArgs } from './project.mjs';

/** Environment for child processes: node_modules/.bin first, so `node` is the Node 22 from npm. */
export function childEnv(extra = {}) {
  return { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/**
 * Spawns `firebase <args>` in its own process group (so Ctrl-C and cleanup reach the Java
 * emulators it starts) and resolves with its exit code.
 */
export function spawnFirebase(args, { env = {}, stdio = 'inherit' } = {}) {
  const child = spawn(path.join(BIN, 'firebase'), [...args, ...firebaseConfigArgs(), '--project', PROJECT_ID], {
    cwd: ROOT,
    env: childEnv(env),
    stdio,
    detached: true,
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, exited };
}

/** Sends a signal to a detached child's whole process group, ignoring groups already gone. */
export function killGroup(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already exited
  }
}
