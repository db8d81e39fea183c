/**
 * Waits for the chat summary to cover a message: the chat's `lastMessage` is that message or a
 * newer one in `(createdAt, id)` order. By then the message trigger has done everything it does
 * for the message (its server fields are written before the summary), and `seq` counts it.
 */
import type { Timestamp } from 'firebase-admin/firestore';
import { chatSchema, covers, orderTimeMs, paths, type Chat } from '@natter/model';
import { adminDb, eventually } from './admin.ts';

export async function untilSummarised(chatId: string, messageId: string, timeoutMs = 30_000): Promise<{ chat: Chat; message: Record<string, unknown> }> {
  const createdAt = await eventually(async () => {
    const value: unknown = (await adminDb.doc(paths.message(chatId, messageId)).get()).get('createdAt');
    return value ? (value as Timestamp) : undefined;
  }, { timeoutMs });
  const key = { id: messageId, createdAtMs: orderTimeMs(createdAt) };
  const chat = await eventually(async () => {
    const parsed = chatSchema.safeParse((await adminDb.doc(paths.chat(chatId)).get()).data());
    const last = parsed.success ? parsed.data.lastMessage : null;
    return parsed.success && covers(last ? { id: last.id, createdAtMs: orderTimeMs(last.sentAt) } : null, key) ? parsed.data : undefined;
  }, { timeoutMs });
  return { chat, message: (await adminDb.doc(paths.message(chatId, messageId)).get()).data() ?? {} };
}
