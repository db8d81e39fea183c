/** Schema for `users/{uid}/private/presence`: the server's watermark of the last applied status event. */
import { z } from 'zod';
import { PRESENCE_STATES } from './rtdb.ts';
import { timestampSchema } from './common.ts';

/**
 * Written only by the presence function. `lastChanged` is the RTDB server timestamp of the newest
 * `/status/{uid}` event applied to `users/{uid}`; events at or below it are stale and dropped. It
 * lives in a private document because on the public profile it would leak "last seen" for users
 * whose setting is `nobody`.
 */
export const presenceMarkSchema = z.strictObject({
  state: z.enum(PRESENCE_STATES),
  lastChanged: z.number().int().min(0),
  updatedAt: timestampSchema,
});
export type PresenceMark = z.infer<typeof presenceMarkSchema>;
