/** The app's data access, bound once to the Firebase services app.ts initialised. */
import { app, services, useEmulators } from './firebase/app.ts';
import { authApi } from './firebase/auth.ts';
import { chatsApi } from './firebase/chats.ts';
import { databaseApi } from './firebase/database.ts';
import { functionsApi } from './firebase/functions.ts';
import { messagesApi } from './firebase/messages.ts';
import { pollsApi } from './firebase/polls.ts';
import { storageApi } from './firebase/storage.ts';
import { usersApi } from './firebase/users.ts';
import { browserPush } from './push/browser.ts';

const messages = messagesApi(services);

export const api = {
  auth: authApi(services, typeof localStorage === 'undefined' ? null : localStorage),
  chats: chatsApi(services),
  messages,
  polls: pollsApi(services, messages),
  users: usersApi(services),
  functions: functionsApi(services),
  database: databaseApi(services),
  storage: storageApi(services),
  push: browserPush(app, services, { emulators: useEmulators }),
};
export type Api = typeof api;
