/**
 * Hot lookups: display names for system-message text (cached, see cache.ts for the invalidation
 * rule: a few seconds of staleness only delays a rename in one system message) and a sender's
 * account settings on the message path (read fresh: a privacy switch must hold for the next
 * message). Nothing that authorises a write is looked up here.
 */
import {
  DEFAULT_ACCOUNT_SETTINGS,
  accountSettingsSchema,
  displayNameSchema,
  paths,
  type AccountSettings,
} from '@natter/model';
import { db } from './admin.ts';
import { TtlCache } from './cache.ts';

/** Shown in system messages for a user without a readable profile. */
export const UNKNOWN_NAME = 'Someone';

export const displayNameCache = new TtlCache<string>({ maxEntries: 5_000, ttlMs: 60_000 });

/** Display names for uids, reading only the ones not cached (one batched read). */
export async function displayNames(uids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const uid of new Set(uids)) {
    const cached = displayNameCache.get(uid);
    if (cached === undefined) missing.push(uid);
    else names.set(uid, cached);
  }
  if (missing.length > 0) {
    const snaps = await db().getAll(...missing.map((uid) => db().doc(paths.user(uid))));
    snaps.forEach((snap, i) => {
      const uid = missing[i]!;
      const name = nameFrom(snap.data());
      displayNameCache.set(uid, name);
      names.set(uid, name);
    });
  }
  return names;
}

/** Primes the name cache from profiles a caller already read (no extra read later). */
export function rememberDisplayName(uid: string, profile: unknown): string {
  const name = nameFrom(profile);
  displayNameCache.set(uid, name);
  return name;
}

function nameFrom(profile: unknown): string {
  if (typeof profile !== 'object' || profile === null) return UNKNOWN_NAME;
  const data = profile as Record<string, unknown>;
  if (data.deleted === true) return 'Deleted account';
  const parsed = displayNameSchema.safeParse(data.displayName);
  return parsed.success ? parsed.data : UNKNOWN_NAME;
}

/**
 * A user's account settings, defaults when the account document is missing or malformed. Never
 * cached: whoever turns read receipts off must not have their next marker exposed (one read per
 * message, which costs less than the privacy promise is worth).
 */
export async function accountSettings(uid: string): Promise<AccountSettings> {
  const snap = await db().doc(paths.account(uid)).get();
  const parsed = accountSettingsSchema.safeParse(snap.get('settings'));
  return parsed.success ? parsed.data : DEFAULT_ACCOUNT_SETTINGS;
}
