/** The app's data access, bound once to the Firebase services app.ts initialised. */
import { services } from './firebase/app.ts';
import { authApi } from './firebase/auth.ts';
import { chatsApi } from './firebase/chats.ts';
import { databaseApi } from './firebase/database.ts';
import { functionsApi } from './firebase/functions.ts';
import { messagesApi } from './firebase/messages.ts';
import { storageApi } from './firebase/storage.ts';
import { usersApi } from './firebase/users.ts';

export const api = {
  auth: authApi(services, typeof localStorage === 'undefined' ? null : localStorage),
  chats: chatsApi(services),
  messages: messagesApi(services),
  users: usersApi(services),
  functions: functionsApi(services),
  database: databaseApi(services),
  storage: storageApi(services),
};
export type Api = typeof api;
