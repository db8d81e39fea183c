/**
 * Client-SDK sessions for tests: each is its own Firebase app signed in as one user on the Auth
 * emulator (via a custom token), with Firestore and Functions pointed at the emulators. This is
 * exactly what a web or mobile app does, so rules and callables are exercised for real.
 */
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, signInWithCustomToken, type Auth } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, terminate, type Firestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type Functions } from 'firebase/functions';
import { adminAuth } from './admin.ts';
import { PROJECT_ID, REGION, emulatorPort } from './env.ts';

export interface ClientSession {
  uid: string | null;
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  functions: Functions;
  /** Calls a callable by name and returns its data (throws FunctionsError on failure). */
  call<T = unknown>(name: string, data?: unknown): Promise<T>;
  close(): Promise<void>;
}

let counter = 0;

/** A client app, signed out. */
export function anonymousClient(): ClientSession {
  const app = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID, appId: 'test' }, `client-${++counter}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://127.0.0.1:${emulatorPort('auth')}`, { disableWarnings: true });
  const db = getFirestore(app);
  connectFirestoreEmulator(db, '127.0.0.1', emulatorPort('firestore'));
  const functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, '127.0.0.1', emulatorPort('functions'));
  return {
    uid: null,
    app,
    auth,
    db,
    functions,
    async call<T>(name: string, data?: unknown) {
      const result = await httpsCallable(functions, name)(data ?? {});
      return result.data as T;
    },
    async close() {
      await terminate(db);
      await deleteApp(app);
    },
  };
}

/** A client app signed in as `uid` (the Auth user is created if missing), with optional claims. */
export async function signedInClient(uid: string, claims?: Record<string, unknown>): Promise<ClientSession> {
  await adminAuth.getUser(uid).catch(() => adminAuth.createUser({ uid, email: `${uid}@natter.test`, emailVerified: true }));
  if (claims) await adminAuth.setCustomUserClaims(uid, claims);
  const session = anonymousClient();
  await signInWithCustomToken(session.auth, await adminAuth.createCustomToken(uid));
  return { ...session, uid };
}
