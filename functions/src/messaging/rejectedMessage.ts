/**
 * What a message the trigger rejects becomes: a tombstone that keeps who sent it, its kind and
 * when, and nothing else the client wrote (text, media, quotes, mentions, any field at all), so a
 * refused payload never reaches members' listeners. The one place that decides it; pure.
 */
import { messageTypeSchema, timestampSchema, uidSchema } from '@natter/model';

export function rejectedTombstone(message: Record<string, unknown> | undefined): Record<string, unknown> {
  const kept = message ?? {};
  return {
    ...(uidSchema.safeParse(kept.senderId).success ? { senderId: kept.senderId } : {}),
    ...(messageTypeSchema.safeParse(kept.type).success ? { type: kept.type } : {}),
    ...(timestampSchema.safeParse(kept.createdAt).success ? { createdAt: kept.createdAt } : {}),
    text: '',
    media: null,
    deletedForEveryone: true,
    rejected: true,
  };
}
