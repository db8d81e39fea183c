/**
 * Pure planning for a newly created message: whether it is accepted, and which server fields the
 * message itself needs (expiry, the real quote, mentions of members). A plain text message needs
 * none, so the trigger writes nothing for it; the chat summary is planned apart (planSummary.ts).
 * No Firebase imports, so it is unit-tested alone.
 */
import { chatSchema, messagePreview, messageSchema, orderTimeMs, type Chat, type Message, type TimestampLike } from '@natter/model';

export interface ReplySnapshot {
  messageId: string;
  senderId: string;
  preview: string;
}

export type MessagePlan =
  /** A message an earlier delivery rejected. */
  | { kind: 'duplicate' }
  /** A system message a callable wrote already sequenced, in the transaction that changed the chat. */
  | { kind: 'presequenced' }
  | { kind: 'reject'; reason: string }
  | {
      kind: 'accept';
      senderId: string;
      /** The message's own place in display order, for the chat summary. */
      createdAtMs: number;
      /** Milliseconds since epoch to set, or null when the chat does not make messages disappear (or it is set). */
      expiresAtMs: number | null;
      /**
       * The quoted message as it really is, when the client's snapshot differs; null drops a reply
       * to a message that does not exist; undefined leaves the message alone.
       */
      replyTo: ReplySnapshot | null | undefined;
          /** Mentions kept (members other than the sender), when they differ from what the client wrote. */
      mentions: string[] | undefined;
    };

export interface PlanInput {
  message: unknown;
  chat: unknown;
  quoted: unknown;
}

export function planMessage({ message, chat, quoted }: PlanInput): MessagePlan {
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

  const mentions = keptMentions(msg, room);
  return {
    kind: 'accept',
    senderId: msg.senderId,
    createdAtMs: orderTimeMs(msg.createdAt),
    expiresAtMs: missingExpiry(msg, expiry(msg.createdAt, room.settings.disappearAfterSeconds)),
    replyTo: msg.replyTo ? changedReply(msg.replyTo, replySnapshot(msg.replyTo.messageId, quoted)) : undefined,
    mentions: sameList(mentions, msg.mentions ?? []) ? undefined : mentions,
  };
}

/**
 * A rejected message was handled by an earlier delivery; a sequenced system message by the callable
 * that wrote it; any other message carrying `seq` by the previous design's trigger, which numbered
 * every message (only functions can write `seq`: the rules refuse it on a client's create). Anything
 * else is planned from scratch: the plan is the same on every delivery.
 */
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

function changedReply(claimed: NonNullable<Message['replyTo']>, real: ReplySnapshot | null): ReplySnapshot | null | undefined {
  if (real === null) return null;
  const same = claimed.senderId === real.senderId && claimed.preview === real.preview && claimed.messageId === real.messageId;
  return same ? undefined : real;
}

function missingExpiry(msg: Message, expiresAtMs: number | null): number | null {
  return expiresAtMs !== null && msg.expiresAt?.toMillis() !== expiresAtMs ? expiresAtMs : null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function expiry(createdAt: TimestampLike, disappearAfterSeconds: number): number | null {
  return disappearAfterSeconds > 0 ? createdAt.toMillis() + disappearAfterSeconds * 1000 : null;
}
