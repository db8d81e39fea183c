/** A rules-unit-testing environment on the Firestore emulator, with the project's firestore.rules. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeTestEnvironment, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import type { Database } from 'firebase/database';
import type { Firestore } from 'firebase/firestore';
import type { FirebaseStorage } from 'firebase/storage';
import { expect } from 'vitest';
import { ROOT, emulatorPort } from './env.ts';
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
 * The Storage emulator with storage.rules, plus Firestore (the storage rules read chat membership
 * from Firestore through firestore.get/exists).
 */
export async function storageRulesEnvironment(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: RULES_PROJECT_ID,
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
