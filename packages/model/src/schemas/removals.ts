/**
 * `chats/{chatId}/removals/{uid}`: server-only record that a group admin removed this user. While
 * it exists the user cannot rejoin through an invite link they still hold; an admin adding them
 * back deletes it. Leaving by oneself records nothing (they may rejoin by link).
 */
import { z } from 'zod';
import { timestampSchema, uidSchema } from './common.ts';

export const removalSchema = z.strictObject({
  removedBy: uidSchema,
  removedAt: timestampSchema,
});
export type Removal = z.infer<typeof removalSchema>;
