// `node scripts/seed.ts`: seeds the demo data into running emulators (npm start does this itself).
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { seedDemoData } from './lib/seed.ts';
import { PROJECT_ID, emulatorClientEnv } from './lib/project.mjs';

Object.assign(process.env, emulatorClientEnv());
const app = initializeApp({ projectId: PROJECT_ID });
await seedDemoData(getFirestore(app), getAuth(app));
console.log('seeded demo data');
