/**
 * The documents a new account starts with and the tombstone a deleted one leaves. Pure: the
 * caller supplies the timestamp values, so this is unit-tested without Firebase.
 */
import { DEFAULT_ACCOUNT_SETTINGS, MAX_DISPLAY_NAME_LENGTH, MAX_URL_LENGTH, type AccountSettings } from '@natter/model';

export const FALLBACK_DISPLAY_NAME = 'Natter user';
export const DELETED_DISPLAY_NAME = 'Deleted account';

export interface NewAuthUser {
  uid: string;
  email?: string | null;
  emailVerified?: boolean;
  displayName?: string | null;
  photoURL?: string | null;
}

/**
 * A new user's public name: the Auth display name when the sign-in provider gave one, else a
 * neutral fallback. Never anything derived from the email: profiles are readable and searchable
 * by exact lower-case name, so a name built from the address would let anyone confirm it. An
 * Auth name that is the address or its local part is treated the same way.
 */
function chooseDisplayName(user: NewAuthUser): string {
  const fromAuth = user.displayName?.trim().slice(0, MAX_DISPLAY_NAME_LENGTH) ?? '';
  const email = user.email?.toLowerCase() ?? '';
  const revealsEmail = email !== '' && (fromAuth.includes('@') || fromAuth.toLowerCase() === email.split('@')[0]?.split('+')[0]);
  return fromAuth && !revealsEmail ? fromAuth : FALLBACK_DISPLAY_NAME;
}

function safePhotoUrl(url: string | null | undefined): string | null {
  return url && url.length <= MAX_URL_LENGTH && /^https:\/\//.test(url) ? url : null;
}

export function initialProfile<T>(user: NewAuthUser, createdAt: T) {
  const displayName = chooseDisplayName(user);
  return {
    uid: user.uid,
    displayName,
    displayNameLower: displayName.toLowerCase(),
    photoURL: safePhotoUrl(user.photoURL),
    about: '',
    createdAt,
    online: false,
    lastSeenAt: null,
  };
}

export function initialAccount<T>(user: NewAuthUser, createdAt: T): { email: string | null; emailVerified: boolean; settings: AccountSettings; createdAt: T } {
  return {
    email: user.email ?? null,
    emailVerified: user.emailVerified ?? false,
    settings: { ...DEFAULT_ACCOUNT_SETTINGS },
    createdAt,
  };
}

/** What `users/{uid}` becomes when the account is deleted: messages keep a sender that reads "Deleted account". */
export function tombstoneProfile<T>(uid: string, createdAt: T) {
  return {
    uid,
    displayName: DELETED_DISPLAY_NAME,
    displayNameLower: DELETED_DISPLAY_NAME.toLowerCase(),
    photoURL: null,
    about: '',
    createdAt,
    online: false,
    lastSeenAt: null,
    deleted: true,
  };
}
