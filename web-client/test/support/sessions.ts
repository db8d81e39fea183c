/**
 * Web-client data access in Node against the emulators: a client-SDK session (tests/support) turned
 * into the `Services` the data-access modules take, plus the modules bound to it. Exactly what the
 * browser runs, minus the persistent cache and the optional Realtime Database and Storage.
 */
import { adminAuth, adminDb, clearAuth, clearFirestore, eventually } from '../../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../../tests/support/clients.ts';
import { connectDatabaseEmulator, getDatabase, type Database } from 'firebase/database';
import { connectStorageEmulator, getStorage, type FirebaseStorage } from 'firebase/storage';
import { defaultDatabaseUrl, paths } from '@natter/model';
import { PROJECT_ID, emulatorPort } from '../../../tests/support/env.ts';
import { authApi } from '../../src/lib/firebase/auth.ts';
import { chatsApi } from '../../src/lib/firebase/chats.ts';
import { databaseApi } from '../../src/lib/firebase/database.ts';
import { functionsApi } from '../../src/lib/firebase/functions.ts';
import { messagesApi } from '../../src/lib/firebase/messages.ts';
import type { Services } from '../../src/lib/firebase/services.ts';
import { storageApi } from '../../src/lib/firebase/storage.ts';
import { usersApi } from '../../src/lib/firebase/users.ts';

export interface WebSession {
  uid: string;
  session: ClientSession;
  services: Services;
  auth: ReturnType<typeof authApi>;
  chats: ReturnType<typeof chatsApi>;
  messages: ReturnType<typeof messagesApi>;
  users: ReturnType<typeof usersApi>;
  functions: ReturnType<typeof functionsApi>;
  database: ReturnType<typeof databaseApi>;
  storage: ReturnType<typeof storageApi>;
}

/** The optional products, for machines where their emulators run. */
export interface Extras {
  database?: boolean;
  storage?: boolean;
}

export function bind(session: ClientSession, uid: string, extras: Extras = {}): WebSession {
  let database: Database | null = null;
  if (extras.database) {
    // The instance the functions' membership mirror writes to.
    database = getDatabase(session.app, defaultDatabaseUrl(PROJECT_ID));
    connectDatabaseEmulator(database, '127.0.0.1', emulatorPort('database'));
  }
  let storage: FirebaseStorage | null = null;
  if (extras.storage) {
    storage = getStorage(session.app, `gs://${PROJECT_ID}.appspot.com`);
    connectStorageEmulator(storage, '127.0.0.1', emulatorPort('storage'));
  }
  const services: Services = { auth: session.auth, db: session.db, functions: session.functions, database, storage };
  return {
    uid,
    session,
    services,
    auth: authApi(services),
    chats: chatsApi(services),
    messages: messagesApi(services),
    users: usersApi(services),
    functions: functionsApi(services),
    database: databaseApi(services),
    storage: storageApi(services),
  };
}

/**
 * A signed-in user with a profile named `displayName`: the account is created by the Admin SDK,
 * the profile by Natter's user-creation trigger, and the name set through the web client's own
 * profile update (which also writes the search key).
 */
export async function webUser(uid: string, displayName: string, extras: Extras = {}): Promise<WebSession> {
  await adminAuth.createUser({ uid, email: `${uid}@natter.test`, emailVerified: true, displayName }).catch(() => undefined);
  const session = bind(await signedInClient(uid), uid, extras);
  // The first trigger of a run starts cold: on a busy machine that alone took over 20 s.
  await eventually(async () => ((await adminDb.doc(paths.user(uid)).get()).exists ? true : undefined), { timeoutMs: 60_000 });
  await session.users.updateProfile({ displayName });
  return session;
}

/** Clears Firestore (retrying while triggers of the previous file settle) and Auth between files. */
export async function clearEverything(): Promise<void> {
  await clearFirestore();
  await clearAuth();
}

/** Closes whichever sessions a (possibly failed) setup opened. */
export async function closeAll(sessions: (WebSession | undefined)[]): Promise<void> {
  await Promise.all(sessions.filter((s): s is WebSession => s !== undefined).map((s) => s.session.close()));
}
