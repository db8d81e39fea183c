/**
 * Pure planning for a newly created message: which sequence number it gets and what the chat,
 * the message and the sender's markers become. No Firebase imports, so it is unit-tested alone.
 */
import {
  chatSchema,
  messagePreview,
  messageSchema,
  type Chat,
  type LastMessage,
  type Message,
  type TimestampLike,
} from '@natter/model';

export type MessagePlan =
  | { kind: 'duplicate' }
  | { kind: 'reject'; reason: string }
  | {
      kind: 'accept';
      seq: number;
      lastMessage: LastMessage;
      /** Milliseconds since epoch, or null when the chat does not make messages disappear. */
      expiresAtMs: number | null;
      replyPreview: string | null;
    };

export interface PlanInput {
  messageId: string;
  message: unknown;
  chat: unknown;
  quoted: unknown;
}

export function planMessage({ messageId, message, chat, quoted }: PlanInput): MessagePlan {
  if (isProcessed(message)) return { kind: 'duplicate' };
  const parsedMessage = messageSchema.safeParse(message);
  if (!parsedMessage.success) return { kind: 'reject', reason: 'message fails the model schema' };
  const parsedChat = chatSchema.safeParse(chat);
  if (!parsedChat.success) return { kind: 'reject', reason: 'chat is missing or invalid' };
  const msg = parsedMessage.data;
  const room = parsedChat.data;
  const senderCheck = checkSender(msg, room);
  if (senderCheck) return { kind: 'reject', reason: senderCheck };

  const seq = room.seq + 1;
  const quotedMessage = messageSchema.safeParse(quoted);
  return {
    kind: 'accept',
    seq,
    lastMessage: {
      id: messageId,
      senderId: msg.senderId,
      type: msg.type,
      preview: messagePreview(msg),
      sentAt: msg.createdAt,
      seq,
    },
    expiresAtMs: expiry(msg.createdAt, room.settings.disappearAfterSeconds),
    replyPreview: msg.replyTo && quotedMessage.success ? messagePreview(quotedMessage.data) : null,
  };
}

/** A message that already has a sequence number (or was rejected) was handled by an earlier delivery. */
function isProcessed(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return typeof m.seq === 'number' || m.rejected === true;
}

function checkSender(msg: Message, chat: Chat): string | null {
  if (msg.type === 'system') return null;
  if (!chat.memberIds.includes(msg.senderId)) return 'sender is not a member';
  if (chat.settings.onlyAdminsCanSend && !chat.adminIds.includes(msg.senderId)) return 'only admins may send';
  return null;
}

function expiry(createdAt: TimestampLike, disappearAfterSeconds: number): number | null {
  return disappearAfterSeconds > 0 ? createdAt.toMillis() + disappearAfterSeconds * 1000 : null;
}
