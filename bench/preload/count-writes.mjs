// Preloaded into the Functions emulator's runtime (NODE_OPTIONS=--import=<this file>, inherited
// from `firebase emulators:exec`): counts every Firestore write the functions commit. The emulator
// has no per-write metrics, so each committed batch or transaction appends one JSON line to the
// ledger file named by NATTER_BENCH_LEDGER: {at, pid, paths, heavy}, where `heavy` lists the heavy
// modules already loaded in that runtime process when it committed (the trigger path's footprint). Billing counts one write per
// document operation in a committed batch or transaction, which is exactly `paths.length`.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ledger = process.env.NATTER_BENCH_LEDGER;
// Only the functions runtime counts; the CLI and the bench process inherit the option too.
if (ledger && process.env.FUNCTIONS_EMULATOR === 'true') {
  const functionsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../functions');
  const require = createRequire(path.join(functionsDir, 'package.json'));
  const { WriteBatch } = require('@google-cloud/firestore');
  const original = WriteBatch.prototype._commit;
  const HEAVY = ['@grpc/grpc-js', 'nodemailer', '@sentry/node', '@google-cloud/tasks'];
  const heavyLoaded = () =>
    HEAVY.filter((name) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${name}/`)));
  // Transactions and single-document writes (`ref.set`, `ref.update`, ...) all commit through here.
  WriteBatch.prototype._commit = async function countedCommit(...args) {
    const paths = this._ops.map((op) => op.docPath);
    const result = await original.apply(this, args);
    if (paths.length > 0) appendFileSync(ledger, `${JSON.stringify({ at: Date.now(), pid: process.pid, paths, heavy: heavyLoaded() })}\n`);
    return result;
  };
}
