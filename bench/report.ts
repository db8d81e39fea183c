/** Turns a bench run into bench/results/latest.md (tables) and latest.json (every figure and sample). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from './lib/environment.ts';
import { percentiles, ratio, round, type Percentiles } from './lib/stats.ts';
import type { ColdStart } from './scenarios/coldstart.ts';
import type { Knee } from './scenarios/knee.ts';
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
  };
  counting: { verified: boolean; knownActionPaths: string[]; heavyOnTriggerPath: string[] };
  /** The floor measured right before each group size, in ms. */
  floors: (Percentiles & { size: number })[];
  runs: DesignRun[];
  push: PushRun;
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
    { metric: 'Send to receive p50 / p95 / p99, Natter', kind: 'ratio to floor', value: ({ natter, floor }) => latencyRatios(natter.deliverMs, floor) },
    { metric: 'Send to receive p50 / p95 / p99, naive', kind: 'ratio to floor', value: ({ naive, floor }) => latencyRatios(naive.deliverMs, floor) },
    { metric: 'Chat list shows message and unread p50 / p95 / p99, Natter', kind: 'ratio to floor', value: ({ natter, floor }) => latencyRatios(natter.chatListMs, floor) },
    { metric: 'Chat list shows message and unread p50 / p95 / p99, naive', kind: 'ratio to floor', value: ({ naive, floor }) => latencyRatios(naive.chatListMs, floor) },
  ];
}

function pushRows(push: PushRun): string[] {
  const scene = `${push.size} members, ${push.muted} muted, ${push.messages} sends`;
  return [
    `| Push recipients per send (${scene}) | count | ${fmt(push.recipients)} of ${push.others} others |`,
    `| Device tokens pushed per send (${scene}) | count | ${fmt(push.tokens)} |`,
    `| FCM \`sendEach\` requests per send, at most 500 tokens each (${scene}) | count | ${fmt(push.sendEachCalls)} |`,
    `| Push worker Firestore writes per send: job document and one marker per token (${scene}) | count | ${fmt(push.workerWrites)} |`,
  ];
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
    '## Functions cold start',
    '',
    '| metric | figure | value |',
    '| --- | --- | --- |',
    `| Load functions/lib/index.js in a fresh Node process / bare \`node -e 0\` (median of ${result.coldStart.runs}) | ratio | ${fmt(result.coldStart.ratio)} |`,
    `| Heavy modules loaded by loading the entry | list | ${result.coldStart.heavyAtLoad.join(', ') || 'none'} |`,
    `| Heavy modules loaded in the runtime serving onMessageCreated when it committed | list | ${result.counting.heavyOnTriggerPath.join(', ') || 'none'} |`,
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
    '## Notification work per message',
    '',
    '| metric | figure | value |',
    '| --- | --- | --- |',
    ...pairs.map((p) => `| Push worker writes per message, ${p.natter.size} members, no member has a device | count | ${fmt(p.natter.notificationWrites / p.natter.messages)} |`),
    ...pushRows(result.push),
    '',
    '## Context (machine-specific milliseconds, not comparable across machines)',
    '',
    `Floor p50 / p95 / p99 per size: ${result.floors.map((f) => `${f.size}: ${fmt(f.p50)} / ${fmt(f.p95)} / ${fmt(f.p99)} ms`).join('; ')}. ` +
      `Cold start medians: bare node ${result.coldStart.bareMs} ms, functions entry ${result.coldStart.loadMs} ms.`,
    `Function-write counting verified on a known action: ${result.counting.verified ? 'yes' : 'NO'} (wrote ${result.counting.knownActionPaths.join(', ')}).`,
    '',
  ];
  return lines.join('\n');
}

export function writeResults(dir: string, result: BenchResult, command: string): void {
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(dir, 'latest.md'), renderMarkdown(result, command));
}
