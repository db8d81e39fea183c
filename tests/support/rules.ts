/** A rules-unit-testing environment on the Firestore emulator, with the project's firestore.rules. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeTestEnvironment, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { onValue, type Database, type DataSnapshot, type Query } from 'firebase/database';
import type { Firestore } from 'firebase/firestore';
import type { FirebaseStorage } from 'firebase/storage';
import { expect } from 'vitest';
import { PROJECT_ID, ROOT, emulatorPort } from './env.ts';
import { parseJsonWithComments } from './jsonc.ts';

/** Rules tests use their own project id, so no trigger fires and other suites' data is untouched. */
export const RULES_PROJECT_ID = 'demo-natter-rules';

export function readRulesFile(name: 'firestore.rules' | 'storage.rules' | 'database.rules.json'): string {
  return readFileSync(path.join(ROOT, name), 'utf8');
}

export async function rulesEnvironment(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: RULES_PROJECT_ID,
    firestore: { host: '127.0.0.1', port: emulatorPort('firestore'), rules: readRulesFile('firestore.rules') },
  });
}

/** The Realtime Database emulator with database.rules.json (comments stripped for the emulator). */
export async function databaseRulesEnvironment(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: RULES_PROJECT_ID,
    database: {
      host: '127.0.0.1',
      port: emulatorPort('database'),
      rules: JSON.stringify(parseJsonWithComments(readRulesFile('database.rules.json'))),
    },
  });
}

/**
 * Replaces the rules project's whole Realtime Database with `data`, as the owner and with
 * `disableTriggers=true`: the functions' database triggers match every instance, so seeding each
 * case through the SDK would fire the presence trigger hundreds of times for data no test reads.
 */
export async function seedDatabase(data: unknown): Promise<void> {
  const url = `http://127.0.0.1:${emulatorPort('database')}/.json?ns=${RULES_PROJECT_ID}&disableTriggers=true`;
  const response = await fetch(url, { method: 'PUT', headers: { Authorization: 'Bearer owner' }, body: JSON.stringify(data) });
  if (!response.ok) throw new Error(`seeding the Realtime Database failed: ${response.status} ${await response.text()}`);
}

/**
 * The Storage emulator with storage.rules, plus Firestore (the storage rules read chat membership
 * from Firestore through firestore.get/exists). Under the app's own project id, not the rules
 * project: the Storage emulator's `firestore.get()` reads Firestore under the project the emulator
 * was started with, whatever project a test environment names, so membership seeded elsewhere is
 * invisible to it. Nothing triggers on the chats and bans these tests seed.
 */
export async function storageRulesEnvironment(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: PROJECT_ID,
    storage: { host: '127.0.0.1', port: emulatorPort('storage'), rules: readRulesFile('storage.rules') },
    firestore: { host: '127.0.0.1', port: emulatorPort('firestore'), rules: readRulesFile('firestore.rules') },
  });
}

/**
 * rules-unit-testing hands out compat Firestore instances; the modular API accepts them (it
 * unwraps the delegate), so tests use the same modular calls the web client makes.
 */
export function modularFirestore(context: RulesTestContext): Firestore {
  return context.firestore() as unknown as Firestore;
}

/** The modular Realtime Database for a context (the compat instance unwraps the same way). */
export function modularDatabase(context: RulesTestContext): Database {
  return context.database() as unknown as Database;
}

/**
 * Reads a location once through a listener. `get()` rejects a denied read with a plain `Error`
 * that has no `code` (the client SDK wraps the server's message), so a rules test could not tell a
 * denial from any other failure; a listener fails with `code: 'PERMISSION_DENIED'`.
 */
export function readOnce(query: Query): Promise<DataSnapshot> {
  return new Promise((resolve, reject) => {
    onValue(query, resolve, reject, { onlyOnce: true });
  });
}

/** The modular Storage for a context, on the rules project's default bucket. */
export function modularStorage(context: RulesTestContext): FirebaseStorage {
  return context.storage();
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Asserts the request is refused with exactly `code` (Firestore: `permission-denied`), not merely
 * that it failed: a malformed request or a missing document must not pass for a rules denial.
 */
export async function expectDenied(request: Promise<unknown>, code = 'permission-denied'): Promise<void> {
  const outcome = await request.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) expect.fail(`expected ${code}, but the request succeeded`);
  expect(errorCode(outcome.error), String(outcome.error)).toBe(code);
}

/** Asserts the request succeeds, reporting the error code and message when it does not. */
export async function expectAllowed<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    return expect.fail(`expected the request to be allowed, but it failed with ${errorCode(error) ?? 'no code'}: ${String(error)}`);
  }
}
