/**
 * The server-only records of the sign-in flows, as tests see them: the same keyed hashes the
 * functions compute, with the local pepper the emulator reads from functions/.secret.local.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, paths } from '@natter/model';
import { adminDb } from './admin.ts';
import { ROOT } from './env.ts';

function localPepper(): string {
  const text = readFileSync(path.join(ROOT, 'functions', '.secret.local'), 'utf8');
  const value = /^AUTH_CODE_PEPPER="?([^"\n]+)"?$/m.exec(text)?.[1];
  if (!value) throw new Error('functions/.secret.local has no AUTH_CODE_PEPPER (run npm test, which generates it)');
  return value;
}

/** The keyed hash the functions use as the id of an address's records. */
export function emailKeyFor(email: string): string {
  return createHmac('sha256', localPepper()).update(`email\u0000${email.trim().toLowerCase()}`).digest('hex');
}

export function rateLimitDocId(bucketKey: string): string {
  return createHash('sha256').update(bucketKey).digest('hex');
}

export const bucketKeys = {
  email: (email: string) => `auth-email:${emailKeyFor(email)}`,
  codeFailures: (email: string) => `auth-code-failures:${emailKeyFor(email)}`,
};

export function authCodeDoc(email: string) {
  return adminDb.doc(paths.authCode(emailKeyFor(email)));
}

/** Deletes limiter records (all, or all but the named buckets) so a test can send again at once. */
export async function clearRateLimits({ keep = [] as string[] } = {}): Promise<void> {
  const keepIds = new Set(keep.map(rateLimitDocId));
  const snap = await adminDb.collection(COLLECTIONS.rateLimits).get();
  await Promise.all(snap.docs.filter((d) => !keepIds.has(d.id)).map((d) => d.ref.delete()));
}

/** Every document of the given top-level collections, for "nothing was written" checks. */
export async function collectionSizes(...names: string[]): Promise<Record<string, number>> {
  const sizes = await Promise.all(names.map(async (name) => [name, (await adminDb.collection(name).get()).size] as const));
  return Object.fromEntries(sizes);
}
