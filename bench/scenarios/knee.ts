/**
 * Throughput knee: open-loop sends at increasing rates for a few seconds each; the knee is the
 * highest rate whose p95 latency stays within twice the best p95 of the slower steps, where "best"
 * is never taken below the run's worst floor p95 (below that, doubling is only scheduler jitter).
 * Jitter on a shared machine can still double one p95, so a failing step counts only when the next
 * step fails too (a failing last step is not
 * confirmed but still ends the search: the knee stays at the last passing rate); a few unmeasured writes warm each variant first. Variants:
 * raw bare writes (the baseline), Natter messages into one chat and round-robin across chats.
 * Latency runs from the client's write to an Admin SDK listener seeing the outcome: the raw
 * document itself, or the Natter message as recipients see it (no function is on that path).
 */
import { doc, serverTimestamp, setDoc, type Firestore } from 'firebase/firestore';
import type { Query } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { signedInClient } from '../../tests/support/clients.ts';
import { baselineAdminDb, baselineClient } from '../lib/baseline.ts';
import { waitFunctionsIdle } from '../lib/idle.ts';
import { percentile, round } from '../lib/stats.ts';
import { now, progress, sleep } from '../lib/time.ts';
import { createGroup } from './natter.ts';

/** At least this many messages per step, so p95 is not just the maximum of a handful. */
const MIN_SAMPLES = 12;

export interface KneeStep {
  rate: number;
  sent: number;
  arrived: number;
  p95Ms: number;
}

export interface Knee {
  variant: 'raw' | 'natter-one-chat' | 'natter-many-chats';
  steps: KneeStep[];
  /** Highest rate (messages/s) before two failing steps in a row (p95 > 2x the best, or lost messages). */
  kneeRate: number;
}

interface Variant {
  name: Knee['variant'];
  db: Firestore;
  listen: Query;
  /** Path of the n-th document to write, and its data. */
  target(n: number): { path: string; data: Record<string, unknown> };
  /** Whether a delivered document counts as arrived. */
  done(data: Record<string, unknown>): boolean;
}

async function runVariant(variant: Variant, rates: number[], seconds: number, noiseMs: number): Promise<Knee> {
  const sentAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  const unsubscribe = variant.listen.onSnapshot((snap) => {
    const at = now();
    for (const change of snap.docChanges()) {
      if (change.type !== 'removed' && sentAt.has(change.doc.id) && !arrivedAt.has(change.doc.id) && variant.done(change.doc.data())) {
        arrivedAt.set(change.doc.id, at);
      }
    }
  });
  const steps: KneeStep[] = [];
  let kneeRate = 0;
  let n = 0;
  const warmUp: Promise<void>[] = [];
  for (let i = 0; i < 3; i++) {
    const { path, data } = variant.target(n++);
    warmUp.push(setDoc(doc(variant.db, path), data));
    await sleep(200);
  }
  await Promise.all(warmUp);
  await sleep(1_000);
  let best = Number.POSITIVE_INFINITY;
  let failedAt: number | null = null;
  for (const rate of rates) {
    const ids: string[] = [];
    const writes: Promise<void>[] = [];
    const count = Math.max(MIN_SAMPLES, Math.round(rate * seconds));
    const start = now();
    for (let i = 0; i < count; i++) {
      const wait = start + (i * 1000) / rate - now();
      if (wait > 0) await sleep(wait);
      const { path, data } = variant.target(n++);
      const id = path.split('/').pop() ?? path;
      ids.push(id);
      sentAt.set(id, now());
      writes.push(setDoc(doc(variant.db, path), data));
    }
    await Promise.all(writes);
    const deadline = Date.now() + 30_000;
    while (ids.some((id) => !arrivedAt.has(id)) && Date.now() < deadline) await sleep(20);
    const latencies = ids.filter((id) => arrivedAt.has(id)).map((id) => (arrivedAt.get(id) ?? 0) - (sentAt.get(id) ?? 0));
    const step = { rate, sent: ids.length, arrived: latencies.length, p95Ms: round(percentile(latencies, 95), 1) };
    steps.push(step);
    progress(`knee ${variant.name}: ${rate}/s -> p95 ${step.p95Ms} ms (${step.arrived}/${step.sent} arrived)`);
    best = Math.min(best, step.p95Ms);
    const failed = step.arrived !== step.sent || step.p95Ms > 2 * Math.max(best, noiseMs);
    if (failed && failedAt !== null) break;
    if (failed) {
      failedAt = rate;
      continue;
    }
    failedAt = null;
    kneeRate = rate;
  }
  unsubscribe();
  // The next variant starts on idle functions, not on the triggers and tasks this one queued.
  await waitFunctionsIdle();
  return { variant: variant.name, steps, kneeRate };
}

export async function measureKnee(rates: number[], seconds: number, chats: number, noiseMs: number): Promise<Knee[]> {
  const raw = baselineClient();
  const sender = await signedInClient('kneeSender');
  const oneChat = 'bench-knee-one';
  const manyChats = Array.from({ length: chats }, (_, i) => `bench-knee-many-${i}`);
  for (const chatId of [oneChat, ...manyChats]) await createGroup(chatId, ['kneeSender', 'kneeReader']);
  const message = (n: number) => ({ senderId: 'kneeSender', type: 'text', text: `knee ${n}`, createdAt: serverTimestamp() });
  // A Natter message is complete when its document is visible: no function sits between the
  // sender's write and what recipients see (the summary follows separately).
  const visible = () => true;
  const results: Knee[] = [];
  results.push(
    await runVariant(
      { name: 'raw', db: raw.db, listen: baselineAdminDb.collection('knee'), target: (n) => ({ path: `knee/raw${n}`, data: { n } }), done: () => true },
      rates,
      seconds,
      noiseMs,
    ),
  );
  results.push(
    await runVariant(
      { name: 'natter-one-chat', db: sender.db, listen: adminDb.collection(paths.messages(oneChat)), target: (n) => ({ path: paths.message(oneChat, `one${n}`), data: message(n) }), done: visible },
      rates,
      seconds,
      noiseMs,
    ),
  );
  results.push(
    await runVariant(
      {
        name: 'natter-many-chats',
        db: sender.db,
        listen: adminDb.collectionGroup('messages'),
        target: (n) => ({ path: paths.message(manyChats[n % manyChats.length] ?? oneChat, `many${n}`), data: message(n) }),
        done: visible,
      },
      rates,
      seconds,
      noiseMs,
    ),
  );
  await Promise.all([raw.close(), sender.close()]);
  return results;
}
