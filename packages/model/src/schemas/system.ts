/** System messages: the events functions post into a chat when its membership or settings change. */
import { z } from 'zod';
import { uidSchema } from './common.ts';

export const SYSTEM_EVENTS = [
  'created',
  'added',
  'removed',
  'left',
  'joined',
  'promoted',
  'demoted',
  'auto_promoted',
  'renamed',
  'description_changed',
  'photo_changed',
  'settings_changed',
  'account_deleted',
] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/**
 * The `system` field of a `type: 'system'` message. `event` stays a string in the stored schema so
 * older clients keep parsing messages whose event they do not know yet; writers use SYSTEM_EVENTS.
 */
export const systemInfoSchema = z.strictObject({
  event: z.string().min(1).max(64),
  actorId: uidSchema,
  targetIds: z.array(uidSchema),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;
