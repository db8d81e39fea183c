/**
 * One rules-unit-testing environment for the Firestore rules suites: a signed-in client per actor
 * (kept for the whole file), the fixture world, and a cheap way back to it after a write that
 * the rules allowed (only the touched documents are restored).
 */
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { deleteDoc, doc, setDoc, writeBatch, type Firestore } from 'firebase/firestore';
import { modularFirestore, rulesEnvironment } from '../../support/rules.ts';
import { CLAIMS, UID, worldDocs, type Actor, type DocData } from './world.ts';

export class RulesHarness {
  #env: RulesTestEnvironment | null = null;
  readonly #clients = new Map<string, Firestore>();
  readonly #touched = new Set<string>();
  #world = new Map<string, DocData>();

  get env(): RulesTestEnvironment {
    if (!this.#env) throw new Error('RulesHarness.start() has not run');
    return this.#env;
  }

  async start(): Promise<void> {
    this.#env = await rulesEnvironment();
    await this.reset();
  }

  async stop(): Promise<void> {
    await this.#env?.cleanup();
    this.#env = null;
    this.#clients.clear();
  }

  /** Clears the emulator and writes the whole world afresh, with times relative to now. */
  async reset(): Promise<void> {
    await this.env.clearFirestore();
    this.#world = worldDocs(Date.now());
    this.#touched.clear();
    await this.admin(async (db) => {
      let batch = writeBatch(db);
      let size = 0;
      for (const [path, data] of this.#world) {
        batch.set(doc(db, path), data);
        if (++size === 400) {
          await batch.commit();
          batch = writeBatch(db);
          size = 0;
        }
      }
      await batch.commit();
    });
  }

  /** The uid an actor signs in with, or null for the unauthenticated caller. */
  uidOf(actor: Actor): string | null {
    return actor === 'unauthenticated' ? null : UID[actor];
  }

  /** The client of a matrix actor (staff carry their custom claim). */
  client(actor: Actor): Firestore {
    const uid = this.uidOf(actor);
    return uid === null ? this.unauthenticated() : this.as(uid, actor === 'unauthenticated' ? undefined : CLAIMS[actor]);
  }

  /** A client signed in as any uid with optional custom claims; cached per uid and claims. */
  as(uid: string, claims?: Record<string, unknown>): Firestore {
    const key = `${uid}|${JSON.stringify(claims ?? {})}`;
    let db = this.#clients.get(key);
    if (!db) {
      db = modularFirestore(this.env.authenticatedContext(uid, claims));
      this.#clients.set(key, db);
    }
    return db;
  }

  unauthenticated(): Firestore {
    let db = this.#clients.get('');
    if (!db) {
      db = modularFirestore(this.env.unauthenticatedContext());
      this.#clients.set('', db);
    }
    return db;
  }

  /** Runs writes with rules disabled (seeding and restoring, never a thing under test). */
  async admin(work: (db: Firestore) => Promise<void>): Promise<void> {
    await this.env.withSecurityRulesDisabled(async (context) => {
      await work(modularFirestore(context));
    });
  }

  /** Records that a document may differ from the world, so `restore` puts it back. */
  touch(path: string): void {
    this.#touched.add(path);
  }

  /** Puts every touched document back to its world state (or removes it when the world has none). */
  async restore(): Promise<void> {
    if (this.#touched.size === 0) return;
    const touched = [...this.#touched];
    this.#touched.clear();
    await this.admin(async (db) => {
      await Promise.all(
        touched.map((path) => {
          const data = this.#world.get(path);
          return data ? setDoc(doc(db, path), data) : deleteDoc(doc(db, path));
        }),
      );
    });
  }

  /** Sets documents with rules disabled for one test; they are restored afterwards. */
  async seed(docs: Record<string, DocData | null>): Promise<void> {
    await this.admin(async (db) => {
      await Promise.all(
        Object.entries(docs).map(([path, data]) => {
          this.touch(path);
          return data ? setDoc(doc(db, path), data) : deleteDoc(doc(db, path));
        }),
      );
    });
  }

  /** A copy of a world document, for building variants in attack tests. */
  worldDoc(path: string): DocData {
    const data = this.#world.get(path);
    if (!data) throw new Error(`the world has no document at ${path}`);
    return { ...data };
  }
}
