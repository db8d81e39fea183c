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

/** `/typing/{chatId}/{uid}`: a server timestamp; readers ignore entries older than this. */
export const TYPING_TTL_MS = 8_000;
export const typingSchema = z.number().int().min(0);

/** `/chatMembers/{chatId}/{uid}`: `true` while uid is a member; written by functions only. */
export const chatMemberMirrorSchema = z.literal(true);
