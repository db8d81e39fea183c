/** The Admin SDK for tests, pointed at the emulators by the environment `emulators:exec` sets. */
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { PROJECT_ID, emulatorPort } from './env.ts';

const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
export const adminDb = getFirestore(app);
export const adminAuth = getAuth(app);

/**
 * Deletes every document in the emulator's default database (between test files). The emulator
 * answers 409 while a transaction (e.g. a trigger still settling from the previous file) holds a
 * lock, so that one answer is retried with backoff; anything else fails at once.
 */
export async function clearFirestore(): Promise<void> {
  const url = `http://127.0.0.1:${emulatorPort('firestore')}/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, { method: 'DELETE' });
    if (response.ok) return;
    if (response.status !== 409 || attempt >= 20) throw new Error(`clearing Firestore failed: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * attempt)));
  }
}

/** Deletes every account in the Auth emulator. */
export async function clearAuth(): Promise<void> {
  const url = `http://127.0.0.1:${emulatorPort('auth')}/emulator/v1/projects/${PROJECT_ID}/accounts`;
  const response = await fetch(url, { method: 'DELETE' });
  if (!response.ok) throw new Error(`clearing Auth failed: ${response.status}`);
}

/** Polls until `check` returns a value other than undefined, for effects of triggers. */
export async function eventually<T>(check: () => Promise<T | undefined>, { timeoutMs = 20_000, intervalMs = 150 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`condition not met within ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
