// Starts the long-running processes of `npm start` in their own process groups and stops every
// one of them, children included, when asked: Ctrl-C must leave nothing behind.
import { spawn } from 'node:child_process';
import { ROOT } from './project.mjs';
import { childEnv } from './firebase.mjs';

const running = new Set();

/** Spawns a named process whose output is prefixed with its name. */
export function startProcess(name, command, args, { env = {}, filter = () => true } = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${name}]`.padEnd(11);
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() && filter(line)) console.log(`${prefix} ${line}`);
    });
  }
  const record = { name, child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0))) };
  running.add(record);
  void record.exited.then(() => running.delete(record));
  return record;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

/** Asks every process group to stop, then kills whatever is still there after a grace period. */
export async function stopAll(graceMs = 15_000) {
  const records = [...running];
  for (const { child } of records) signalGroup(child, 'SIGINT');
  const timeout = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  const outcome = await Promise.race([Promise.all(records.map((r) => r.exited)), timeout]);
  if (outcome === 'timeout') for (const { child } of records) signalGroup(child, 'SIGKILL');
  // Stragglers (e.g. Java emulators whose parent already exited) share the group: kill it outright.
  for (const { child } of records) signalGroup(child, 'SIGKILL');
}
