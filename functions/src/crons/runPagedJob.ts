/**
 * The engine every cron runs on: work in pages, each page's writes committed in one transaction
 * together with the cursor document `jobs/cron-{name}`, so a run that dies resumes exactly after
 * the last committed page and never repeats one. A lease on the cursor keeps two instances (a
 * scheduler retry, an overlapping run) from working the same run; a lease older than `leaseMs`
 * belongs to a dead run and is taken over. Each run ends with one summary log line.
 */
import { Timestamp, type Firestore, type Query, type Transaction } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { leaseHeldBy, leaseLive, releaseLease, renewLease, takeLease } from '../lib/lease.ts';
import { logs } from '../lib/logs.ts';
import { randomId } from '../lib/runtime.ts';

/** Where a phase stopped: the last document's order value (milliseconds) and full path, or an object name. */
export interface CursorPoint {
  value: number | null;
  path: string;
}

/** What a run covers, fixed when it starts and kept when it resumes (e.g. a cutoff, a day). */
export type CronScope = Record<string, string | number>;

export interface CronPage {
  /** How many items the page looked at; fewer than the page size ends the phase. */
  seen: number;
  after: CursorPoint | null;
  /** The page's writes, inside the transaction that also moves the cursor. Reads first, then writes. */
  commit(tx: Transaction): Promise<Record<string, number>> | Record<string, number>;
}

export interface CronPhase {
  name: string;
  page(input: { scope: CronScope; after: CursorPoint | null; pageSize: number }): Promise<CronPage>;
}

export interface CronJob {
  name: string;
  /** The scope of a new run, or null when there is nothing to do. */
  scope(nowMs: number): Promise<CronScope | null> | CronScope | null;
  phases: CronPhase[];
  /** Runs once after the last phase, e.g. to write a summary document; may run again after a crash. */
  finish?(scope: CronScope, counts: Record<string, number>): Promise<Record<string, number>>;
}

export interface RunOptions {
  eventId: string;
  now?: () => number;
  /** At most 499: each page's transaction also writes the cursor. */
  pageSize?: number;
  leaseMs?: number;
  /** Test hook, called after each committed page (e.g. to simulate a crash). */
  afterPage?(pages: number): Promise<void>;
}

export type RunResult =
  | { kind: 'finished'; runId: string; resumed: boolean; pages: number; counts: Record<string, number>; scope: CronScope }
  | { kind: 'busy' }
  | { kind: 'nothing-to-do' };

interface Cursor {
  status: 'running' | 'idle';
  /** The run working it (its run id) while `running`. */
  leaseOwner: string | null;
  leaseExpiresAt: number;
  scope: CronScope;
  phase: number;
  after: CursorPoint | null;
  pages: number;
  counts: Record<string, number>;
  startedAt: number;
}

export const MAX_PAGE_SIZE = 499;
const DEFAULT_PAGE_SIZE = 200;
const DEFAULT_LEASE_MS = 2 * 60_000;

export function cursorId(name: string): string {
  return `cron-${name}`;
}

export async function runPagedJob(job: CronJob, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const pageSize = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const started = Date.now();
  const firestore = db();
  const cursorRef = firestore.doc(paths.job(cursorId(job.name)));
  const runId = randomId();
  const base = { function: job.name, eventId: options.eventId };

  const fresh = await job.scope(now());
  const begun = await firestore.runTransaction(async (tx) => {
    const existing = (await tx.get(cursorRef)).data() as Cursor | undefined;
    if (existing?.status === 'running' && leaseLive(existing, now())) return { kind: 'busy' as const };
    const resumed = existing?.status === 'running';
    if (!resumed && !fresh) return { kind: 'nothing-to-do' as const };
    const cursor: Cursor = resumed
      ? { ...existing, ...takeLease(runId, now(), leaseMs) }
      : { status: 'running', ...takeLease(runId, now(), leaseMs), scope: fresh ?? {}, phase: 0, after: null, pages: 0, counts: {}, startedAt: now() };
    tx.set(cursorRef, cursor);
    return { kind: 'begun' as const, cursor, resumed };
  });
  if (begun.kind === 'busy') {
    logs.cronBusy({ ...base, runId });
    return begun;
  }
  if (begun.kind === 'nothing-to-do') {
    logs.cronSkipped({ ...base, reason: 'nothing to do' });
    return begun;
  }

  let cursor = begun.cursor;
  while (cursor.phase < job.phases.length) {
    const phase = job.phases[cursor.phase];
    if (!phase) break;
    const page = await phase.page({ scope: cursor.scope, after: cursor.after, pageSize });
    const phaseDone = page.seen < pageSize;
    const next = await firestore.runTransaction(async (tx) => {
      const current = (await tx.get(cursorRef)).data() as Cursor | undefined;
      if (!leaseHeldBy(current, runId) || !current) return null;
      const counts = await page.commit(tx);
      const updated: Cursor = {
        ...current,
        ...renewLease(now(), leaseMs),
        phase: phaseDone ? current.phase + 1 : current.phase,
        after: phaseDone ? null : page.after,
        pages: current.pages + 1,
        counts: addCounts(current.counts, counts),
      };
      tx.set(cursorRef, updated);
      return updated;
    });
    if (!next) {
      // Another instance took the run over (this one stalled past its lease): stop quietly.
      logs.cronBusy({ ...base, runId });
      return { kind: 'busy' };
    }
    cursor = next;
    await options.afterPage?.(cursor.pages);
  }

  const extra = job.finish ? await job.finish(cursor.scope, cursor.counts) : {};
  const counts = addCounts(cursor.counts, extra);
  const finished = await firestore.runTransaction(async (tx) => {
    const current = (await tx.get(cursorRef)).data() as Cursor | undefined;
    if (!leaseHeldBy(current, runId)) return false;
    tx.set(cursorRef, { status: 'idle', ...releaseLease(now()), lastRunId: runId, lastRun: { scope: cursor.scope, pages: cursor.pages, counts, finishedAt: Timestamp.fromMillis(now()) } });
    return true;
  });
  if (!finished) return { kind: 'busy' };
  logs.cronFinished({ ...base, runId, resumed: begun.resumed, pages: cursor.pages, durationMs: Date.now() - started, counts });
  return { kind: 'finished', runId, resumed: begun.resumed, pages: cursor.pages, counts, scope: cursor.scope };
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** Applies a cursor to a query ordered by `orderField` (or only by document id) and limits it. */
export function pageQuery(firestore: Firestore, query: Query, orderField: string | null, after: CursorPoint | null, pageSize: number): Query {
  let ordered = orderField ? query.orderBy(orderField).orderBy('__name__') : query.orderBy('__name__');
  if (after) {
    const ref = firestore.doc(after.path);
    ordered = orderField && after.value !== null ? ordered.startAfter(Timestamp.fromMillis(after.value), ref) : ordered.startAfter(ref);
  }
  return ordered.limit(pageSize);
}

/** The cursor point of a page's last document. */
export function lastPoint(docs: { ref: { path: string }; get(field: string): unknown }[], orderField: string | null): CursorPoint | null {
  const last = docs[docs.length - 1];
  if (!last) return null;
  const value = orderField ? last.get(orderField) : null;
  return { value: value instanceof Timestamp ? value.toMillis() : null, path: last.ref.path };
}
