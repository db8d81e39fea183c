// `node scripts/seed.ts`: seeds the demo data into running emulators (npm start does this itself).
// NATTER_EMULATORS (set by npm start) says whether the Realtime Database emulator runs.
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getDatabaseWithUrl } from 'firebase-admin/database';
import { getFirestore } from 'firebase-admin/firestore';
import { defaultDatabaseUrl } from '@natter/model';
import { seedDemoData } from './lib/seed.ts';
import { PROJECT_ID, emulatorClientEnv } from './lib/project.mjs';

Object.assign(process.env, emulatorClientEnv());
const app = initializeApp({ projectId: PROJECT_ID });
const databaseRuns = (process.env.NATTER_EMULATORS ?? '').split(',').includes('database');
const rtdb = databaseRuns ? getDatabaseWithUrl(defaultDatabaseUrl(PROJECT_ID), app) : null;
await seedDemoData(getFirestore(app), getAuth(app), { rtdb });
// The database connection would otherwise keep this process alive.
await deleteApp(app);
console.log('seeded demo data');
