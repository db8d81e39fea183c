// `npm run bench`: measures Natter's Firestore cost and latency against in-run baselines inside
// `firebase emulators:exec` (same preparation as `npm test`). Writes bench/results/latest.md and
// latest.json. Options go to bench/run.ts, e.g.
//
//   NATTER_PORT_OFFSET=60 npm run bench
//   npm run bench -- --sizes 2,32 --messages 10 --knee-steps 3
//   npm run bench -- --only coldstart      the cold-start rows alone, no emulators (bench/coldstart.ts)
//
// A preload (bench/preload/count-writes.mjs) is put into NODE_OPTIONS so the Functions emulator's
// runtime, which inherits this environment, appends every write the functions commit to a ledger.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { prepareEmulators } from './prepare-emulators.mjs';
import { childEnv, spawnFirebase } from './lib/firebase.mjs';
import { assertPortsFree } from './lib/ports.mjs';
import { EMULATOR_PORTS, PORT_OFFSET, ROOT } from './lib/project.mjs';

const RESULTS = path.join(ROOT, 'bench', 'results');
const LEDGER = path.join(RESULTS, 'function-writes.tmp');
const PRELOAD = path.join(ROOT, 'bench', 'preload', 'count-writes.mjs');

mkdirSync(RESULTS, { recursive: true });
rmSync(LEDGER, { force: true });

function buildFunctions() {
  console.log('bench: building functions');
  const built = spawnSync('node', ['functions/build.mjs'], { cwd: ROOT, env: childEnv(), stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('The functions bundle did not build; the bench cannot run.');
    process.exit(1);
  }
}

const only = process.argv.indexOf('--only');
if (only !== -1) {
  if (process.argv[only + 1] !== 'coldstart') {
    console.error('--only accepts: coldstart');
    process.exit(2);
  }
  buildFunctions();
  const run = spawnSync('node', ['bench/coldstart.ts', ...process.argv.slice(2)], { cwd: ROOT, env: childEnv(), stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { env, emulators, unavailable } = prepareEmulators();
// The bench needs only these; database and storage stay off so their ports don't matter.
const needed = emulators.filter((name) => ['auth', 'firestore', 'functions', 'pubsub', 'tasks'].includes(name));
await assertPortsFree(Object.fromEntries(Object.entries(EMULATOR_PORTS).filter(([name]) => !['database', 'storage'].includes(name))));

buildFunctions();

const inner = ['node', process.env.NATTER_BENCH_ENTRY ?? 'bench/run.ts', ...process.argv.slice(2)].map((a) => JSON.stringify(a)).join(' ');
const nodeOptions = [process.env.NODE_OPTIONS, `--import=${PRELOAD}`].filter(Boolean).join(' ');
const { exited } = spawnFirebase(['emulators:exec', '--only', needed.join(','), inner], {
  env: {
    ...env,
    NODE_OPTIONS: nodeOptions,
    NATTER_BENCH_LEDGER: LEDGER,
    NATTER_PORT_OFFSET: String(PORT_OFFSET),
    NATTER_UNAVAILABLE: JSON.stringify(unavailable),
  },
});
const code = await exited;
rmSync(LEDGER, { force: true });
process.exit(code);
