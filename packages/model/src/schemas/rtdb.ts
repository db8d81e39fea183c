/** Schemas for the Realtime Database: presence, typing and the server membership mirror. */
import { z } from 'zod';

export const PRESENCE_STATES = ['online', 'offline'] as const;
/** `/status/{uid}`; `lastChanged` is the RTDB server timestamp in milliseconds. */
export const statusSchema = z.strictObject({
  state: z.enum(PRESENCE_STATES),
  lastChanged: z.number().int().min(0),
  chatId: z.string().max(260).optional(),
});
export type Status = z.infer<typeof statusSchema>;

/** `/typing/{chatId}/{uid}`: a server timestamp; readers ignore entries older than this. */
export const TYPING_TTL_MS = 8_000;
export const typingSchema = z.number().int().min(0);
