// `npm start`: Natter on this machine. Builds the functions (and keeps rebuilding them), starts the
// emulator suite, the dev mailbox and the web client, seeds demo data and prints every URL.
// Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { prepareEmulators } from './prepare-emulators.mjs';
import { childEnv } from './lib/firebase.mjs';
import { waitForEmulators, waitForFunctions } from './lib/hub.mjs';
import { assertPortsFree } from './lib/ports.mjs';
import { startProcess, stopAll } from './lib/processes.mjs';
import { BIN, DEV_PORTS, EMULATOR_PORTS, PROJECT_ID, ROOT, emulatorClientEnv, firebaseConfigArgs } from './lib/project.mjs';

const started = Date.now();
const { env: emulatorEnv, emulators, unavailable } = prepareEmulators();
await assertPortsFree({
  ...Object.fromEntries(Object.entries(EMULATOR_PORTS).filter(([n]) => !['database', 'storage'].includes(n) || emulators.includes(n))),
  'dev SMTP': DEV_PORTS.smtp,
  'dev inbox': DEV_PORTS.inbox,
  'web client': DEV_PORTS.web,
});

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Natter (emulators, mailbox, web client)…');
  await stopAll();
  console.log('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

function essential(record) {
  void record.exited.then((code) => {
    if (!stopping) {
      console.error(`${record.name} exited unexpectedly (code ${code}); stopping everything.`);
      void shutdown(1);
    }
  });
  return record;
}

// Build once so the Functions emulator finds a bundle, then rebuild on every change.
if (spawnSync('node', ['functions/build.mjs'], { cwd: ROOT, env: childEnv(), stdio: 'inherit' }).status !== 0) {
  console.error('The functions bundle did not build: fix the errors above and run `npm start` again.');
  process.exit(1);
}
essential(startProcess('functions', 'node', ['functions/build.mjs', '--watch'], { filter: (l) => !/^\s*(lib\/|\.\.\.and \d+ more output files)/.test(l) }));

essential(startProcess('mailbox', path.join(BIN, 'maildev'), [
  '--smtp', String(DEV_PORTS.smtp), '--web', String(DEV_PORTS.inbox), '--ip', '127.0.0.1', '--silent',
]));

const quietEmulatorLines = /MOTD|not currently authenticated|firebase login|outdated version of firebase-functions|breaking changes when you upgrade|Env variable override/;
essential(startProcess('emulators', path.join(BIN, 'firebase'), [
  'emulators:start', '--only', emulators.join(','), ...firebaseConfigArgs(), '--project', PROJECT_ID,
], { env: emulatorEnv, filter: (line) => !quietEmulatorLines.test(line) }));

try {
  await waitForEmulators(emulators);
  await waitForFunctions();
} catch (error) {
  console.error(`${error.message}: see the [emulators] lines above.`);
  await shutdown(1);
}

const seeded = spawnSync('node', ['scripts/seed.ts'], {
  cwd: ROOT,
  env: childEnv({ ...emulatorClientEnv(), NATTER_EMULATORS: emulators.join(',') }),
  stdio: 'inherit',
});
if (seeded.status !== 0) {
  console.error('Seeding demo data failed (see above); stopping.');
  await shutdown(1);
}

essential(startProcess('web', path.join(BIN, 'vite'), ['--config', 'web-client/vite.config.ts', '--clearScreen', 'false'], {
  env: { ...emulatorClientEnv(), NATTER_EMULATORS: emulators.join(',') },
  filter: (line) => !/press h|ready in|➜/.test(line),
}));

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const optional = {
  database: `  Realtime DB      http://127.0.0.1:${EMULATOR_PORTS.database}/?ns=${PROJECT_ID}-default-rtdb`,
  storage: `  Storage          http://127.0.0.1:${EMULATOR_PORTS.storage}`,
};
const running = Object.entries(optional).filter(([name]) => emulators.includes(name)).map(([, line]) => line);
const missing = Object.entries(unavailable).map(([name, reason]) => `    ${name}: not running (${reason})`);
console.log(`
Natter is running (ready in ${seconds} s). Press Ctrl-C to stop everything.

  Web client       http://localhost:${DEV_PORTS.web}   (sign in with a demo account, password: natter-demo)
  Dev mailbox      http://127.0.0.1:${DEV_PORTS.inbox}   (every email the functions send; SMTP on 127.0.0.1:${DEV_PORTS.smtp})
  Emulator hub     http://127.0.0.1:${EMULATOR_PORTS.hub}/emulators
  Auth             http://127.0.0.1:${EMULATOR_PORTS.auth}
  Firestore        http://127.0.0.1:${EMULATOR_PORTS.firestore}
  Functions        http://127.0.0.1:${EMULATOR_PORTS.functions}/${PROJECT_ID}/us-central1/<name>
  Pub/Sub          127.0.0.1:${EMULATOR_PORTS.pubsub}
  Cloud Tasks      127.0.0.1:${EMULATOR_PORTS.tasks}
${[...running, ...missing].join('\n')}
  Demo users: ana@natter.test, ben@natter.test, cai@natter.test, dev@natter.test (staff admin)
`);
