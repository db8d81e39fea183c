/** Turns a bench run into bench/results/latest.md (tables) and latest.json (every figure and sample). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MARKER_DEBOUNCE_MS } from '@natter/model';
import type { Environment } from './lib/environment.ts';
import { percentiles, ratio, round, type Percentiles } from './lib/stats.ts';
import type { ColdStart } from './scenarios/coldstart.ts';
import type { BurstRun } from './scenarios/burst.ts';
import type { Knee } from './scenarios/knee.ts';
import type { PollRun } from './scenarios/polls.ts';
import type { PushRun } from './scenarios/push.ts';
import type { DesignRun } from './scenarios/types.ts';

export interface BenchResult {
  environment: Environment;
  options: {
    sizes: number[];
    messages: number;
    listeners: number;
    floor: number;
    kneeRates: number[];
    kneeSeconds: number;
    kneeChats: number;
    coldRuns: number;
    pushSize: number;
    pushMessages: number;
    burstSize: number;
    burstRate: number;
    burstSeconds: number;
  };
  counting: { verified: boolean; knownActionPaths: string[]; heavyOnTriggerPath: string[] };
  /** The floor measured right before each group size, in ms. */
  floors: (Percentiles & { size: number })[];
  runs: DesignRun[];
  push: PushRun;
  poll: PollRun;
  burst: BurstRun;
  coldStart: ColdStart;
  knee: Knee[];
  finishedAt: string;
  durationSeconds: number;
  loadAverageAtEnd: number[];
}

const fmt = (n: number) => {
  if (!Number.isFinite(n)) return 'n/a';
  return n !== 0 && Math.abs(n) < 0.1 ? n.toPrecision(2) : String(round(n, 2));
};

interface Row {
  metric: string;
  kind: string;
  value(run: { natter: DesignRun; naive: DesignRun; floor: Percentiles }): string;
}

function latencyRatios(samples: number[], floor: Percentiles): string {
  const p = percentiles(samples);
  return `${fmt(ratio(p.p50, floor.p50))} / ${fmt(ratio(p.p95, floor.p95))} / ${fmt(ratio(p.p99, floor.p99))}`;
}

const perMessage = (r: DesignRun, writes: number) => writes / r.messages;
const perRecipient = (r: DesignRun, reads: number) => reads / (r.messages * Math.max(1, r.listeners));

function rows(): Row[] {
  const natterWrites = (r: DesignRun) => perMessage(r, r.clientWrites + r.functionWrites);
  return [
    { metric: 'Writes per message, Natter (notifications excluded)', kind: 'count', value: ({ natter }) => fmt(natterWrites(natter)) },
    { metric: 'Writes per message, Natter (notifications included)', kind: 'count', value: ({ natter }) => fmt(perMessage(natter, natter.clientWrites + natter.functionWrites + natter.notificationWrites)) },
    { metric: 'Writes per message, naive inbox design', kind: 'count', value: ({ naive }) => fmt(perMessage(naive, naive.clientWrites)) },
    { metric: 'Writes per message, Natter / naive', kind: 'ratio', value: ({ natter, naive }) => fmt(ratio(natterWrites(natter), perMessage(naive, naive.clientWrites))) },
    { metric: 'Reads per recipient per message, chat list open, Natter', kind: 'count', value: ({ natter }) => fmt(perRecipient(natter, natter.chatListReads)) },
    { metric: 'Reads per recipient per message, chat list open, naive', kind: 'count', value: ({ naive }) => fmt(perRecipient(naive, naive.chatListReads)) },
    { metric: 'Reads per recipient per message, chat open, Natter', kind: 'count', value: ({ natter }) => fmt(perRecipient(natter, natter.chatOpenReads)) },
    { metric: 'Reads per recipient per message, chat open, naive', kind: 'count', value: ({ naive }) => fmt(perRecipient(naive, naive.chatOpenReads)) },
    { metric: 'Reads per recipient per message, chat list and chat open together, Natter', kind: 'count', value: ({ natter }) => fmt(perRecipient(natter, natter.chatListReads + natter.chatOpenReads)) },
    { metric: 'Send to receive p50 / p95 / p99, Natter', kind: 'ratio to floor', value: ({ natter, floor }) => latencyRatios(natter.deliverMs, floor) },
    { metric: 'Send to receive p50 / p95 / p99, naive', kind: 'ratio to floor', value: ({ naive, floor }) => latencyRatios(naive.deliverMs, floor) },
    { metric: 'Chat list shows message and unread p50 / p95 / p99, Natter', kind: 'ratio to floor', value: ({ natter, floor }) => latencyRatios(natter.chatListMs, floor) },
    { metric: 'Chat list shows message and unread p50 / p95 / p99, naive', kind: 'ratio to floor', value: ({ naive, floor }) => latencyRatios(naive.chatListMs, floor) },
  ];
}

function pushRows(push: PushRun): string[] {
  const scene = `${push.size} members, ${push.muted} muted, ${push.messages} sends`;
  const b = push.burst;
  const burst = `${b.rate} msg/s for ${b.seconds} s into the same group, ${b.sent} messages in ${b.windows} push windows`;
  const tokens = Math.round(push.tokens);
  return [
    `| Push recipients per send (${scene}) | count | ${fmt(push.recipients)} of ${push.others} others |`,
    `| Device tokens pushed per send (${scene}) | count | ${fmt(push.tokens)} |`,
    `| FCM \`sendEach\` requests per send, at most 500 tokens each (${scene}) | count | ${fmt(push.sendEachCalls)} |`,
    `| Push worker Firestore writes per send: the job's creation and one checkpoint per FCM batch (${scene}); goal <= ceil(tokens/500) + 1 = ${Math.ceil(tokens / 500) + 1} | count | ${fmt(push.workerWrites)} |`,
    `| Push worker Firestore reads per send, to find recipients and devices (${scene}) | count | ${fmt(push.workerReads)} (${fmt(push.workerReads / push.size)} per member) |`,
    `| Push jobs for a burst (${burst}) | count | ${b.jobs} |`,
    `| Most notifications one device got in one push window (${burst}); goal 1 | count | ${b.maxPerDevicePerWindow} |`,
    `| Most notifications one device got over the burst (${burst}) | count | ${b.maxPerDevice} of ${b.sent} messages |`,
    `| Notifications sent per message, all devices (${burst}) | count | ${fmt(b.notificationsPerMessage)} |`,
    `| Push worker Firestore writes per message (${burst}) | count | ${fmt(b.workerWritesPerMessage)} |`,
  ];
}

/** The poll section: a burst of concurrent votes in one big group. */
function pollLines(poll: PollRun): string[] {
  const scene = `${poll.voters} members voting at once in a ${poll.size}-member group`;
  return [
    '## Polls',
    '',
    '| metric | figure | value |',
    '| --- | --- | --- |',
    `| Votes accepted / counted afterwards (${scene}) | count | ${poll.accepted} / ${poll.counted} of ${poll.voters} |`,
    `| Writes per vote (${scene}) | count | ${poll.writesPerVote} |`,
    `| Function writes while the votes landed (${scene}); goal 0, no fan-out | count | ${poll.functionWrites} |`,
    `| Documents read to show the tally and the voters (${scene}) | count | ${poll.readsToShow} |`,
    '',
  ];
}

/** The busy-group section: the burst phase against the 1 msg/s phase of the same run. */
export function burstLines(burst: BurstRun): string[] {
  const [calm, busy] = burst.phases;
  if (!calm || !busy) return [];
  const p95 = (values: number[]) => percentiles(values).p95;
  const lagCalm = p95(calm.chatListLagMs);
  const lagBusy = p95(busy.chatListLagMs);
  const scene = `${busy.rate} msg/s from ${burst.senders} senders into one ${burst.size}-member group for ${busy.seconds} s, ${burst.listeners} members listening`;
  return [
    '## A busy group',
    '',
    `${scene}; the baseline is a ${calm.rate} msg/s phase of the same run (same senders, same listeners). Text messages have no server fields, so "seen" is also final.`,
    '',
    '| metric | figure | value |',
    '| --- | --- | --- |',
    `| Messages lost (sent ${busy.sent}) | count | ${busy.lost} |`,
    `| Seen by listeners p95, ${busy.rate} msg/s / ${calm.rate} msg/s | ratio | ${fmt(ratio(p95(busy.seenMs), p95(calm.seenMs)))} |`,
    `| Chat list shows the newest message p95, ${busy.rate} msg/s / ${calm.rate} msg/s | ratio | ${fmt(ratio(lagBusy, lagCalm))} (${fmt(lagBusy - lagCalm)} ms more) |`,
    `| Writes per message at ${calm.rate} msg/s: message plus function writes, notifications apart | count | ${fmt(calm.writesPerMessage)} |`,
    `| Writes per message at ${busy.rate} msg/s: message plus function writes, notifications apart | count | ${fmt(busy.writesPerMessage)} |`,
    `| Marker writes per listening member during the ${busy.rate} msg/s phase | count | ${busy.markerWrites.join(', ')} |`,
    `| Shortest gap between two marker writes by one member (the throttle allows one per ${MARKER_DEBOUNCE_MS} ms) | ms | ${fmt(busy.shortestMarkerGapMs)} |`,
    `| Members whose unread (seq - readSeq) matches an independent count afterwards | count | ${burst.exactUnread} of ${burst.size} (seq ${burst.seq}, ${burst.messagesCounted} messages) |`,
    '',
  ];
}

/** The cold-start section: one row per measured function, ratios to bare node from the same run. */
export function coldStartLines(cold: ColdStart): string[] {
  const list = (names: string[]) => names.join(', ') || 'none';
  return [
    '## Functions cold start',
    '',
    `Fresh Node processes, median of ${cold.runs}, each divided by a bare \`node -e 0\` run alternately with it. ` +
      '"Load": functions/lib/index.js and the one export a runtime reads (all an instance evaluates before it is ready). ' +
      '"First call": plus the handler modules its wiring imports on the first call. "SDK alone": the firebase-functions ' +
      'trigger module the definition needs, loaded by itself (the floor no wiring can go under).',
    '',
    '| function | SDK alone / bare | load / bare | first call / bare | heavy modules at load | heavy modules at first call |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cold.functions.map(
      (f) => `| ${f.name} (\`${f.sdk}\`) | ${fmt(f.sdkRatio)} | ${fmt(f.loadRatio)} | ${fmt(f.firstCallRatio)} | ${list(f.heavyAtLoad)} | ${list(f.heavyAtFirstCall)} |`,
    ),
    `| every export read (deploy-time discovery; what every instance loaded when the entry was one eager bundle) | | ${fmt(cold.ratio)} | | ${list(cold.heavyAtLoad)} | |`,
    '',
  ];
}

export function coldStartContext(cold: ColdStart): string {
  const each = cold.functions.map((f) => `${f.name} ${f.loadMs} / ${f.firstCallMs} ms (SDK alone ${f.sdkMs} ms)`).join('; ');
  return `bare node ${cold.bareMs} ms, every export ${cold.loadMs} ms; load / first call: ${each}`;
}

export function renderMarkdown(result: BenchResult, command: string): string {
  const sizes = [...new Set(result.runs.map((r) => r.size))];
  const pairs = sizes.map((size) => {
    const natter = result.runs.find((r) => r.size === size && r.design === 'natter');
    const naive = result.runs.find((r) => r.size === size && r.design === 'naive');
    const floor = result.floors.find((f) => f.size === size);
    if (!natter || !naive || !floor) throw new Error(`missing run for size ${size}`);
    return { natter, naive, floor };
  });
  const env = result.environment;
  const first = pairs[0]?.natter;
  const lines = [
    '# Natter benchmark: latest run',
    '',
    `Command: \`${command}\``,
    '',
    `Run ${env.startedAt} to ${result.finishedAt} (${result.durationSeconds} s), commit ${env.gitCommit}. ` +
      `Machine: ${env.machine.cpus} x ${env.machine.cpuModel}, ${env.machine.memoryGiB} GiB, ${env.machine.platform} ${env.machine.release}; ` +
      `load average at start ${env.machine.loadAverageAtStart.join(', ')}, at end ${result.loadAverageAtEnd.join(', ')} (shared machines skew ratios).`,
    `Versions: Node ${env.node}, ${Object.entries(env.packages).map(([k, v]) => `${k} ${v}`).join(', ')}, Firestore emulator: ${env.firestoreEmulator}.`,
    '',
    'Counts map one-to-one onto billed Firestore operations. Ratios divide by a baseline measured in this same run ' +
      '(emulator milliseconds are not production milliseconds). See docs/benchmarks.md for what each figure means.',
    '',
    `Per group size: ${first?.messages ?? 0} messages, ${first ? 'up to ' : ''}${result.options.listeners} listening recipients each. ` +
      `Floor (bare write seen by a bare listener): ${result.floors[0]?.n ?? 0} samples measured right before each size; that size's latency ratios use it.`,
    '',
    `| metric | figure | ${sizes.map((s) => `${s} members`).join(' | ')} |`,
    `| --- | --- | ${sizes.map(() => '---').join(' | ')} |`,
    ...rows().map((row) => `| ${row.metric} | ${row.kind} | ${pairs.map((p) => row.value(p)).join(' | ')} |`),
    '',
    ...coldStartLines(result.coldStart),
    `Heavy modules loaded in the emulator runtime serving onMessageCreated when it committed: ${result.counting.heavyOnTriggerPath.join(', ') || 'none'}.`,
    '',
    '## Throughput knee',
    '',
    '| variant | figure | knee (messages/s) | fraction of raw write knee | steps (rate: p95 ms, arrived/sent) |',
    '| --- | --- | --- | --- | --- |',
    ...result.knee.map((k) => {
      const raw = result.knee.find((x) => x.variant === 'raw')?.kneeRate ?? 0;
      const steps = k.steps.map((s) => `${s.rate}/s: ${s.p95Ms}, ${s.arrived}/${s.sent}`).join('; ');
      const top = result.options.kneeRates.at(-1);
      const rate = k.kneeRate === top ? `>= ${k.kneeRate} (not reached)` : String(k.kneeRate);
      const bound = raw === top && k.kneeRate !== top ? '<= ' : '';
      return `| ${k.variant} | count (rate), ratio | ${rate} | ${bound}${fmt(ratio(k.kneeRate, raw))} | ${steps} |`;
    }),
    '',
    ...burstLines(result.burst),
    '## Notification work per message',
    '',
    '| metric | figure | value |',
    '| --- | --- | --- |',
    ...pairs.map((p) => `| Push worker writes per message, ${p.natter.size} members, no member has a device (goal 0: no job document) | count | ${fmt(p.natter.notificationWrites / p.natter.messages)} |`),
    ...pushRows(result.push),
    '',
    ...pollLines(result.poll),
    '## Context (machine-specific milliseconds, not comparable across machines)',
    '',
    `Busy group p95 seen / chat-list lag: ${result.burst.phases.map((p) => `${p.rate} msg/s ${fmt(percentiles(p.seenMs).p95)} / ${fmt(percentiles(p.chatListLagMs).p95)} ms`).join('; ')}. ` +
      `Floor p50 / p95 / p99 per size: ${result.floors.map((f) => `${f.size}: ${fmt(f.p50)} / ${fmt(f.p95)} / ${fmt(f.p99)} ms`).join('; ')}. ` +
      `Cold start medians: ${coldStartContext(result.coldStart)}.`,
    `Function-write counting verified on a known action: ${result.counting.verified ? 'yes' : 'NO'} (wrote ${result.counting.knownActionPaths.join(', ')}).`,
    '',
  ];
  return lines.join('\n');
}

export function writeResults(dir: string, result: BenchResult, command: string): void {
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(dir, 'latest.md'), renderMarkdown(result, command));
}
