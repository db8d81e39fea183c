/**
 * Pure planning for an updated message (edit, delete for everyone, reaction...): whether the
 * update needs any work, and if so what the message and the chat's `lastMessage` preview become.
 * Plans are computed from the documents as they are now, never from the event alone, so late or
 * repeated events cannot bring an older text back.
 */
import { chatSchema, messagePreview, messageSchema } from '@natter/model';

/**
 * A check on the event's own before/after data, with no reads: only messages whose visible content
 * changed (or that no longer fit the model) need work. Reactions, the create trigger's own server
 * fields (expiry, quote, mentions) and other bookkeeping updates stop here.
 */
export function needsUpdateWork(before: unknown, after: unknown): boolean {
  if (!isRecord(before) || !isRecord(after)) return false;
  const visible = ['text', 'type', 'deletedForEveryone', 'rejected'] as const;
  if (visible.some((key) => before[key] !== after[key])) return true;
  if (JSON.stringify(before.media ?? null) !== JSON.stringify(after.media ?? null)) return true;
  return !messageSchema.safeParse(after).success && after.rejected !== true;
}

export interface UpdatePlan {
  /** Fields to change on the message, or null. */
  messagePatch: Record<string, unknown> | null;
  /** The chat's new `lastMessage.preview` when this message is the chat's last one and it changed. */
  preview: string | null;
  reason: 'invalid' | 'deleted' | 'edited' | 'none';
}

const CLEARED = { text: '', media: null, replyTo: null, mentions: [] } as const;

export function planMessageUpdate({ messageId, message, chat }: { messageId: string; message: unknown; chat: unknown }): UpdatePlan {
  if (!isRecord(message)) return { messagePatch: null, preview: null, reason: 'none' };
  const parsed = messageSchema.safeParse(message);
  let messagePatch: Record<string, unknown> | null = null;
  let reason: UpdatePlan['reason'] = 'edited';
  let shown: Parameters<typeof messagePreview>[0];

  if (!parsed.success && message.rejected !== true) {
    // An update that slipped past rules and breaks the model: cleared like a rejected create.
    messagePatch = { ...CLEARED, rejected: true, deletedForEveryone: true };
    reason = 'invalid';
    shown = { type: 'text', text: '', deletedForEveryone: true };
  } else if (parsed.success && parsed.data.deletedForEveryone) {
    // Delete for everyone keeps a tombstone: content, media, quote and mentions are cleared.
    const m = parsed.data;
    const leftovers = m.text !== '' || m.media != null || m.replyTo != null || (m.mentions?.length ?? 0) > 0;
    messagePatch = leftovers ? { ...CLEARED } : null;
    reason = 'deleted';
    shown = { ...m, ...CLEARED };
  } else if (parsed.success) {
    shown = parsed.data;
  } else {
    shown = { type: 'text', text: '', deletedForEveryone: true };
  }

  const room = chatSchema.safeParse(chat);
  const isLast = room.success && room.data.lastMessage?.id === messageId;
  const preview = isLast ? messagePreview(shown) : null;
  const previewChanged = preview !== null && room.success && room.data.lastMessage?.preview !== preview;
  const changed = messagePatch !== null || previewChanged;
  return { messagePatch, preview: previewChanged ? preview : null, reason: changed ? reason : 'none' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
