/** Schemas for `users/{uid}` and its owner-only subcollections. */
import { z } from 'zod';
import { MAX_ABOUT_LENGTH, MAX_DEVICE_TOKEN_LENGTH, MAX_DISPLAY_NAME_LENGTH } from '../limits.ts';
import { httpsUrlSchema, timestampSchema, uidSchema } from './common.ts';

export const displayNameSchema = z.string().trim().min(1).max(MAX_DISPLAY_NAME_LENGTH);
export const aboutSchema = z.string().max(MAX_ABOUT_LENGTH);

/** The public profile, `users/{uid}`. */
export const userProfileSchema = z.strictObject({
  uid: uidSchema,
  displayName: displayNameSchema,
  displayNameLower: z.string().max(MAX_DISPLAY_NAME_LENGTH),
  photoURL: httpsUrlSchema.nullable(),
  about: aboutSchema,
  createdAt: timestampSchema,
  online: z.boolean(),
  lastSeenAt: timestampSchema.nullable(),
  deleted: z.boolean().optional(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

/** The search key (`displayNameLower`) a display name is found by. */
export function searchKeyFor(displayName: string): string {
  return displayName.toLowerCase();
}

/**
 * What the owner may change on their profile; everything else is server-owned.
 * `displayNameLower` (the search key) is optional: a client that writes it must make it equal
 * `displayName.toLowerCase()` (rules check `displayNameLower == displayName.lower()`), and search is
 * right the moment the write lands; a client that changes only `displayName` is accepted too, and
 * the `onProfileUpdated` trigger derives the key moments later. `profileUpdate` writes both.
 */
export const profileUpdateSchema = z
  .strictObject({
    displayName: displayNameSchema,
    displayNameLower: z.string().max(MAX_DISPLAY_NAME_LENGTH),
    photoURL: httpsUrlSchema.nullable(),
    about: aboutSchema,
  })
  .partial();
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** The profile fields a client may write (rules: `affectedKeys().hasOnly(...)`). */
export const PROFILE_CLIENT_FIELDS = ['displayName', 'displayNameLower', 'photoURL', 'about'] as const;

/** Validates an owner's profile change and adds the matching `displayNameLower` when the name changes. */
export function profileUpdate(input: Omit<ProfileUpdate, 'displayNameLower'>): ProfileUpdate {
  const parsed = profileUpdateSchema.omit({ displayNameLower: true }).parse(input);
  return parsed.displayName === undefined ? parsed : { ...parsed, displayNameLower: searchKeyFor(parsed.displayName) };
}

export const LAST_SEEN_OPTIONS = ['everyone', 'nobody'] as const;
export const accountSettingsSchema = z.strictObject({
  readReceipts: z.boolean(),
  lastSeen: z.enum(LAST_SEEN_OPTIONS),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { readReceipts: true, lastSeen: 'everyone' };

/** The account fields a client may write: only `settings`, replaced whole. */
export const ACCOUNT_CLIENT_FIELDS = ['settings'] as const;

/** The owner-only account document, `users/{uid}/private/account`. */
export const accountSchema = z.strictObject({
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  settings: accountSettingsSchema,
  createdAt: timestampSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const PLATFORMS = ['web', 'android', 'ios'] as const;
/** A push-notification device, `users/{uid}/devices/{deviceId}`; `updatedAt` is the request time. */
export const deviceInputSchema = z.strictObject({
  token: z.string().min(1).max(MAX_DEVICE_TOKEN_LENGTH),
  platform: z.enum(PLATFORMS),
});
export const deviceSchema = deviceInputSchema.extend({ updatedAt: timestampSchema });
/** A device document holds exactly these keys; `updatedAt` must be the request time. */
export const DEVICE_FIELDS = ['token', 'platform', 'updatedAt'] as const;
export type Device = z.infer<typeof deviceSchema>;

/** A block, `users/{uid}/blocked/{otherUid}`. */
export const blockSchema = z.strictObject({ createdAt: timestampSchema });

/** Owner-only unread marker, `users/{uid}/readStates/{chatId}`, used when read receipts are off. */
export const readStateSchema = z.strictObject({ readSeq: z.number().int().min(0), updatedAt: timestampSchema });
export type ReadState = z.infer<typeof readStateSchema>;
