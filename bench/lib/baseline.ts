/**
 * The baselines' own emulator project: the floor and the naive inbox design run in
 * `demo-natter-bench`, whose rules allow everything, so they pay no rule evaluation (which only
 * flatters the baselines). Clients there need no sign-in.
 */
import { deleteApp, initializeApp as initializeClient } from 'firebase/app';
import { connectFirestoreEmulator, getFirestore as getClientFirestore, terminate, type Firestore } from 'firebase/firestore';
import { initializeApp as initializeAdmin } from 'firebase-admin/app';
import { getFirestore as getAdminFirestore } from 'firebase-admin/firestore';
import { emulatorPort } from '../../tests/support/env.ts';

export const BASELINE_PROJECT = 'demo-natter-bench';

export const baselineAdminDb = getAdminFirestore(initializeAdmin({ projectId: BASELINE_PROJECT }, 'bench-baseline'));

const OPEN_RULES = "rules_version = '2';\nservice cloud.firestore {\n  match /databases/{db}/documents {\n    match /{document=**} {\n      allow read, write: if true;\n    }\n  }\n}\n";

export async function openBaselineRules(): Promise<void> {
  const url = `http://127.0.0.1:${emulatorPort('firestore')}/emulator/v1/projects/${BASELINE_PROJECT}:securityRules`;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: { files: [{ name: 'baseline.rules', content: OPEN_RULES }] } }),
  });
  if (!response.ok) throw new Error(`setting the baseline rules failed: ${response.status} ${await response.text()}`);
}

export interface BaselineClient {
  db: Firestore;
  close(): Promise<void>;
}

let counter = 0;

export function baselineClient(): BaselineClient {
  const app = initializeClient({ apiKey: 'demo-api-key', projectId: BASELINE_PROJECT, appId: 'bench' }, `bench-baseline-${++counter}`);
  const db = getClientFirestore(app);
  connectFirestoreEmulator(db, '127.0.0.1', emulatorPort('firestore'));
  return {
    db,
    async close() {
      await terminate(db);
      await deleteApp(app);
    },
  };
}
