/**
 * The bench itself, run by `npm run bench` inside `firebase emulators:exec` (see scripts/bench.mjs).
 * Options (all optional): --sizes 2,32,256,1024 --messages 10 --listeners 4 --floor 20
 * --knee-rates 2,4,8,16,32,64,128 --knee-seconds 3 --knee-chats 8 --cold-runs 5 --push-size 1024 --push-messages 3
 * --burst-size 64 --burst-rate 16 --burst-seconds 10
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { doc, serverTimestamp, setDoc } from 'firebase/firestore';
import { paths } from '@natter/model';
import { signedInClient } from '../tests/support/clients.ts';
import { ROOT } from '../tests/support/env.ts';
import { describeEnvironment } from './lib/environment.ts';
import { waitFunctionsIdle } from './lib/idle.ts';
import { entriesSince, ledgerMark, waitForUserSetup, waitLedgerQuiet } from './lib/ledger.ts';
import { openBaselineRules } from './lib/baseline.ts';
import { percentiles } from './lib/stats.ts';
import { progress, until } from './lib/time.ts';
import { writeResults, type BenchResult } from './report.ts';
import { measureColdStart } from './scenarios/coldstart.ts';
import { measureFloor } from './scenarios/floor.ts';
import { measureKnee } from './scenarios/knee.ts';
import { runNaive } from './scenarios/naive.ts';
import { createGroup, runNatter } from './scenarios/natter.ts';
import { measureBurst } from './scenarios/burst.ts';
import { measurePoll } from './scenarios/polls.ts';
import { measurePush } from './scenarios/push.ts';
import type { DesignRun } from './scenarios/types.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2,32,256,1024' },
    messages: { type: 'string', default: '10' },
    listeners: { type: 'string', default: '4' },
    floor: { type: 'string', default: '20' },
    'knee-rates': { type: 'string', default: '2,4,8,16,32,64,128' },
    'knee-seconds': { type: 'string', default: '3' },
    'knee-chats': { type: 'string', default: '8' },
    'cold-runs': { type: 'string', default: '5' },
    'push-size': { type: 'string', default: '1024' },
    'push-messages': { type: 'string', default: '3' },
    'burst-size': { type: 'string', default: '64' },
    'burst-rate': { type: 'string', default: '16' },
    'burst-seconds': { type: 'string', default: '10' },
  },
});
const list = (s: string) => s.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const options = {
  sizes: list(values.sizes),
  messages: Number(values.messages),
  listeners: Number(values.listeners),
  floor: Number(values.floor),
  kneeRates: list(values['knee-rates']),
  kneeSeconds: Number(values['knee-seconds']),
  kneeChats: Number(values['knee-chats']),
  coldRuns: Number(values['cold-runs']),
  pushSize: Number(values['push-size']),
  pushMessages: Number(values['push-messages']),
  burstSize: Number(values['burst-size']),
  burstRate: Number(values['burst-rate']),
  burstSeconds: Number(values['burst-seconds']),
};

/**
 * Proves the function-write ledger counts: one message into a fresh two-member chat (the first
 * after a quiet spell) must show the trigger writing the chat summary, and nothing else (it never
 * rewrites a plain text message or moves a member's marker). Doubles as the trigger's warm-up so
 * no size pays the first invocation.
 */
async function verifyCounting(): Promise<BenchResult['counting']> {
  const chatId = 'bench-verify';
  await createGroup(chatId, ['verifyA', 'verifyB']);
  const sender = await signedInClient('verifyA');
  await waitForUserSetup(['verifyA']);
  const mark = ledgerMark();
  await setDoc(doc(sender.db, paths.message(chatId, 'm1')), { senderId: 'verifyA', type: 'text', text: 'verify', createdAt: serverTimestamp() });
  const entries = await until('the trigger to commit', () => {
    const found = entriesSince(mark);
    return found.length > 0 ? found : undefined;
  }, 60_000);
  await waitLedgerQuiet();
  const all = entriesSince(mark);
  const knownActionPaths = all.flatMap((e) => e.paths);
  const expected = [paths.chat(chatId)];
  const verified = expected.every((p) => knownActionPaths.includes(p)) && !knownActionPaths.includes(paths.message(chatId, 'm1'));
  await sender.close();
  if (!verified) throw new Error(`function-write counting failed: expected ${expected.join(', ')}, ledger shows ${knownActionPaths.join(', ') || 'nothing'}`);
  progress(`function-write counting verified: ${knownActionPaths.length} writes for one message (${knownActionPaths.join(', ')})`);
  return { verified, knownActionPaths, heavyOnTriggerPath: entries[0]?.heavy ?? [] };
}

const started = Date.now();
const environment = describeEnvironment();
progress(`options ${JSON.stringify(options)}`);
await openBaselineRules();
const counting = await verifyCounting();
const runs: DesignRun[] = [];
const floors: BenchResult['floors'] = [];
for (const size of options.sizes) {
  progress(`group size ${size}`);
  // A fresh floor beside each size keeps the ratios honest when the shared machine's load drifts.
  const floor = percentiles(await measureFloor(options.floor));
  progress(`floor p50 ${floor.p50.toFixed(1)} ms`);
  floors.push({ size, ...floor });
  runs.push(await runNatter(size, options.messages, options.listeners));
  runs.push(await runNaive(size, options.messages, options.listeners));
}
progress(`push notifications, ${options.pushSize} members`);
const push = await measurePush(options.pushSize, options.pushMessages);
progress('a poll: 200 members of a 1,024-member group voting at once');
const poll = await measurePoll(1024, 200);
// The push scenario's own burst leaves pushes to a thousand devices behind; start on idle functions.
await waitFunctionsIdle();
progress(`a busy group: ${options.burstSize} members, 4 senders, 1 then ${options.burstRate} msg/s`);
const burst = await measureBurst(options.burstSize, 4, 3, [
  { rate: 1, seconds: options.burstSeconds },
  { rate: options.burstRate, seconds: options.burstSeconds },
]);
const coldStart = measureColdStart(options.coldRuns);
const knee = await measureKnee(options.kneeRates, options.kneeSeconds, options.kneeChats, Math.max(0, ...floors.map((f) => f.p95)));

const result: BenchResult = {
  environment,
  options,
  counting,
  floors,
  runs,
  push,
  poll,
  burst,
  coldStart,
  knee,
  finishedAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
const args = process.argv.slice(2);
const command = `NATTER_PORT_OFFSET=${process.env.NATTER_PORT_OFFSET ?? 0} npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
const dir = path.join(ROOT, 'bench', 'results');
writeResults(dir, result, command);
progress(`wrote ${path.relative(ROOT, path.join(dir, 'latest.md'))} and latest.json in ${result.durationSeconds} s`);
process.exit(0);
