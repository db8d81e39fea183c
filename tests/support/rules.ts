/** A rules-unit-testing environment on the Firestore emulator, with the project's firestore.rules. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { ROOT, emulatorPort } from './env.ts';

/** Rules tests use their own project id, so no trigger fires and other suites' data is untouched. */
export const RULES_PROJECT_ID = 'demo-natter-rules';

export async function rulesEnvironment(): Promise<RulesTestEnvironment> {
  return initializeTestEnvironment({
    projectId: RULES_PROJECT_ID,
    firestore: {
      host: '127.0.0.1',
      port: emulatorPort('firestore'),
      rules: readFileSync(path.join(ROOT, 'firestore.rules'), 'utf8'),
    },
  });
}
