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

export interface ReplySnapshot {
  messageId: string;
  senderId: string;
  preview: string;
}

export type MessagePlan =
  | { kind: 'duplicate' }
  /** A system message a callable wrote already sequenced, in the transaction that changed the chat. */
  | { kind: 'presequenced' }
  | { kind: 'reject'; reason: string }
  | {
      kind: 'accept';
      seq: number;
      senderId: string;
      lastMessage: LastMessage;
      /** Milliseconds since epoch, or null when the chat does not make messages disappear. */
      expiresAtMs: number | null;
      /** The quoted message as it really is; null drops a reply to a message that does not exist. */
      replyTo: ReplySnapshot | null | undefined;
      /** Mentions kept (members other than the sender), when they differ from what the client wrote. */
      mentions: string[] | undefined;
    };

export interface PlanInput {
  messageId: string;
  message: unknown;
  chat: unknown;
  quoted: unknown;
}

export function planMessage({ messageId, message, chat, quoted }: PlanInput): MessagePlan {
  const processed = processedKind(message);
  if (processed) return { kind: processed };
  const parsedMessage = messageSchema.safeParse(message);
  if (!parsedMessage.success) return { kind: 'reject', reason: 'message fails the model schema' };
  const parsedChat = chatSchema.safeParse(chat);
  if (!parsedChat.success) return { kind: 'reject', reason: 'chat is missing or invalid' };
  const msg = parsedMessage.data;
  const room = parsedChat.data;
  const senderCheck = checkSender(msg, room);
  if (senderCheck) return { kind: 'reject', reason: senderCheck };

  const seq = room.seq + 1;
  const mentions = keptMentions(msg, room);
  return {
    kind: 'accept',
    seq,
    senderId: msg.senderId,
    lastMessage: {
      id: messageId,
      senderId: msg.senderId,
      type: msg.type,
      preview: messagePreview(msg),
      sentAt: msg.createdAt,
      seq,
    },
    expiresAtMs: expiry(msg.createdAt, room.settings.disappearAfterSeconds),
    replyTo: msg.replyTo ? replySnapshot(msg.replyTo.messageId, quoted) : undefined,
    mentions: sameList(mentions, msg.mentions ?? []) ? undefined : mentions,
  };
}

/** A message that already has a sequence number (or was rejected) was handled by an earlier delivery. */
function processedKind(message: unknown): 'duplicate' | 'presequenced' | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.rejected === true) return 'duplicate';
  if (typeof m.seq !== 'number') return null;
  return m.type === 'system' ? 'presequenced' : 'duplicate';
}

function checkSender(msg: Message, chat: Chat): string | null {
  // Functions write system messages already sequenced; an unsequenced one came from a client.
  if (msg.type === 'system') return 'system messages are written by functions only';
  if (!chat.memberIds.includes(msg.senderId)) return 'sender is not a member';
  if (chat.settings.onlyAdminsCanSend && !chat.adminIds.includes(msg.senderId)) return 'only admins may send';
  return null;
}

/** Mentions only name current members other than the sender, each once, in the order written. */
function keptMentions(msg: Message, chat: Chat): string[] {
  const members = new Set(chat.memberIds);
  return [...new Set(msg.mentions ?? [])].filter((uid) => uid !== msg.senderId && members.has(uid));
}

function replySnapshot(messageId: string, quoted: unknown): ReplySnapshot | null {
  const original = messageSchema.safeParse(quoted);
  if (!original.success) return null;
  return { messageId, senderId: original.data.senderId, preview: messagePreview(original.data) };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function expiry(createdAt: TimestampLike, disappearAfterSeconds: number): number | null {
  return disappearAfterSeconds > 0 ? createdAt.toMillis() + disappearAfterSeconds * 1000 : null;
}
