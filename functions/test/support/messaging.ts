/**
 * Fixtures for the messaging emulator tests: seeded users, counted document writes, and waits on
 * client snapshot listeners. Importing this module first also gives the functions' own Firestore
 * instance its settings before any test uses it (tests and in-process handlers share one instance).
 */
import { Timestamp, type DocumentSnapshot } from 'firebase-admin/firestore';
import { FunctionsError } from 'firebase/functions';
import { COLLECTIONS, DEFAULT_ACCOUNT_SETTINGS, paths, type Account, type AccountSettings, type UserProfile } from '@natter/model';
import { db } from '../../src/lib/admin.ts';
import { adminDb } from '../../../tests/support/admin.ts';

export { untilSummarised as summarised } from '../../../tests/support/summaries.ts';

export const firestore = db();
if (firestore !== adminDb) throw new Error('tests and functions must share one Firestore instance');

const BATCH = 400;

/** Profiles and accounts for test users (display name: the uid capitalised unless given). */
export async function seedUsers(uids: readonly string[], options: { names?: Record<string, string>; settings?: Partial<AccountSettings> } = {}): Promise<void> {
  const createdAt = Timestamp.now();
  for (let i = 0; i < uids.length; i += BATCH) {
    const batch = firestore.batch();
    for (const uid of uids.slice(i, i + BATCH)) {
      const displayName = options.names?.[uid] ?? uid.charAt(0).toUpperCase() + uid.slice(1);
      const profile: UserProfile = { uid, displayName, displayNameLower: displayName.toLowerCase(), photoURL: null, about: '', createdAt, online: false, lastSeenAt: null };
      const account: Account = { email: `${uid}@natter.test`, emailVerified: true, settings: { ...DEFAULT_ACCOUNT_SETTINGS, ...options.settings }, createdAt };
      batch.set(firestore.doc(paths.user(uid)), profile);
      batch.set(firestore.doc(paths.account(uid)), account);
    }
    await batch.commit();
  }
}

export async function ban(uid: string): Promise<void> {
  await firestore.doc(paths.ban(uid)).set({ reason: 'test', bannedBy: 'staff', createdAt: Timestamp.now(), until: null });
}

export async function block(uid: string, other: string): Promise<void> {
  await firestore.doc(paths.block(uid, other)).set({ createdAt: Timestamp.now() });
}

/** The `code` of a rejected callable as the client SDK reports it (`functions/...`), or 'ok'. */
export async function callCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof FunctionsError) return error.code;
    throw error;
  }
}

export async function callError(call: Promise<unknown>): Promise<FunctionsError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof FunctionsError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

interface DocTimes {
  created: Timestamp;
  updated: Timestamp;
}

/** Create and update times of every document in every collection the model names. */
export async function documentTimes(): Promise<Map<string, DocTimes>> {
  const top = (await firestore.listCollections()).map((c) => c.id);
  const known = new Set<string>(Object.values(COLLECTIONS));
  const unknown = top.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`collections outside the model: ${unknown.join(', ')}`);
  const times = new Map<string, DocTimes>();
  for (const name of known) {
    const snap = await firestore.collectionGroup(name).get();
    for (const doc of snap.docs) times.set(doc.ref.path, { created: doc.createTime, updated: doc.updateTime });
  }
  return times;
}

/**
 * Document writes between two `documentTimes()` pictures: a new document counts one write, or two
 * when it was updated after its creation (a client create then a trigger update); an existing one
 * whose update time moved counts one. Deletes are not seen, and a document written three times
 * counts two, so this is a lower bound, exact for the message path (no deletes, at most 2 writes).
 */
export function writesBetween(before: Map<string, DocTimes>, after: Map<string, DocTimes>): { writes: number; documents: string[] } {
  let writes = 0;
  const documents: string[] = [];
  for (const [path, times] of after) {
    const earlier = before.get(path);
    if (!earlier) {
      writes += times.updated.isEqual(times.created) ? 1 : 2;
      documents.push(path);
    } else if (!times.updated.isEqual(earlier.updated)) {
      writes += 1;
      documents.push(path);
    }
  }
  return { writes, documents: documents.sort() };
}

/** Records every value a listener delivers and waits for one that satisfies a condition. */
export class Recorder<T> {
  readonly values: T[] = [];
  private waiters: { predicate: (value: T) => boolean; resolve: (value: T) => void }[] = [];
  private failure: Error | null = null;
  private stop: () => void = () => undefined;

  listen(subscribe: (next: (value: T) => void, error: (error: Error) => void) => () => void): this {
    this.stop = subscribe(
      (value) => {
        this.values.push(value);
        this.waiters = this.waiters.filter((waiter) => (waiter.predicate(value) ? (waiter.resolve(value), false) : true));
      },
      (error) => {
        this.failure = error;
      },
    );
    return this;
  }

  get latest(): T | undefined {
    return this.values[this.values.length - 1];
  }

  until(predicate: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const seen = this.values.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no snapshot matched within ${timeoutMs} ms (last: ${JSON.stringify(this.latest)})`));
      }, timeoutMs);
      this.waiters.push({ predicate, resolve: (value) => (clearTimeout(timer), resolve(value)) });
    });
  }

  close(): void {
    this.stop();
  }
}

/** Waits until a document satisfies a condition (for effects of triggers, seen through the Admin SDK). */
export async function docWhen(path: string, predicate: (data: Record<string, unknown>) => boolean, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: DocumentSnapshot | undefined;
  for (;;) {
    last = await firestore.doc(path).get();
    const data = last.data();
    if (data && predicate(data)) return data;
    if (Date.now() > deadline) throw new Error(`${path} did not reach the expected state: ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

