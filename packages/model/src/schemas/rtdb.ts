/** Schemas for the Realtime Database: presence, typing and the server membership mirror. */
import { z } from 'zod';

export const PRESENCE_STATES = ['online', 'offline'] as const;
/**
 * `/status/{uid}`: exactly `{state, lastChanged}`; `lastChanged` is the RTDB server timestamp in
 * milliseconds (rules require `== now`, so clients write `serverTimestamp()`).
 */
export const statusSchema = z.strictObject({
  state: z.enum(PRESENCE_STATES),
  lastChanged: z.number().int().min(0),
});
export type Status = z.infer<typeof statusSchema>;

/**
 * `/viewing/{uid}`: the chat the owner has open in a visible tab, `since` the server time it opened.
 * Owner-only (nobody else may learn which chat someone reads); the push worker skips them for that
 * chat. Removed on close, when the tab is hidden, and by onDisconnect.
 */
export const viewingSchema = z.strictObject({
  chatId: z.string().min(1).max(128),
  since: z.number().int().min(0),
});
export type Viewing = z.infer<typeof viewingSchema>;

/** `/typing/{chatId}/{uid}`: a server timestamp; readers ignore entries older than this. */
export const TYPING_TTL_MS = 8_000;
export const typingSchema = z.number().int().min(0);

/** `/chatMembers/{chatId}/{uid}`: `true` while uid is a member; written by functions only. */
export const chatMemberMirrorSchema = z.literal(true);
