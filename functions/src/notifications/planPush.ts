/**
 * Pure planning for push notifications: who gets one, what it says, how requests are batched and
 * what FCM's answers mean. No Firebase imports, so it is unit-tested alone.
 */
import { createHash } from 'node:crypto';
import { messagePreview, type Chat, type Message } from '@natter/model';

/** FCM's `sendEach` takes at most this many messages per call. */
export const FCM_BATCH_LIMIT = 500;

export interface RecipientInput {
  memberIds: readonly string[];
  /** Each member's `mutedUntil` in milliseconds (absent or null: not muted). */
  mutedUntilMs: ReadonlyMap<string, number | null>;
  /** Members whose presence says they are looking at this chat right now. */
  viewing: ReadonlySet<string>;
  nowMs: number;
}

export interface RecipientPlan {
  /** Members who may be told about the window; `noticeFor` decides what, if anything. */
  recipients: string[];
  muted: string[];
  viewing: string[];
}

export function planRecipients(input: RecipientInput): RecipientPlan {
  const plan: RecipientPlan = { recipients: [], muted: [], viewing: [] };
  for (const uid of new Set(input.memberIds)) {
    const mutedUntil = input.mutedUntilMs.get(uid);
    if (mutedUntil != null && mutedUntil > input.nowMs) plan.muted.push(uid);
    else if (input.viewing.has(uid)) plan.viewing.push(uid);
    else plan.recipients.push(uid);
  }
  return plan;
}

export interface NotificationContent {
  title: string;
  body: string;
}

/** Body used when the content must not leave the chat (disappearing messages). */
export const HIDDEN_CONTENT_BODY = 'New message';

export function notificationContent(
  chat: Pick<Chat, 'type' | 'name' | 'settings'>,
  message: Pick<Message, 'type' | 'text' | 'media' | 'deletedForEveryone' | 'expiresAt'>,
  senderName: string,
): NotificationContent {
  const disappearing = chat.settings.disappearAfterSeconds > 0 || message.expiresAt != null;
  // messagePreview already says "This message was deleted" for tombstones, with no content.
  const preview = disappearing && !message.deletedForEveryone ? HIDDEN_CONTENT_BODY : messagePreview(message);
  if (chat.type === 'group') {
    return { title: chat.name ?? 'Group', body: `${senderName}: ${preview}` };
  }
  return { title: senderName, body: preview };
}

/** A message of a push window, as the worker folds it. */
export interface WindowMessage {
  id: string;
  senderId: string;
  message: Pick<Message, 'type' | 'text' | 'media' | 'deletedForEveryone' | 'expiresAt'>;
}

/** What one member's devices are told about a window. */
export interface Notice {
  content: NotificationContent;
  /** The newest message the notice covers (the click opens the chat there). */
  messageId: string;
  /** How many messages it folds. */
  count: number;
}

/**
 * The notice for `uid` about a window's messages (oldest first): the messages others sent, minus
 * those from senders `uid` blocked. One message reads as before; several say "N new messages",
 * which names no content, so disappearing and deleted messages stay hidden. Null when none is left.
 */
export function noticeFor(
  uid: string,
  window: { chat: Pick<Chat, 'type' | 'name' | 'settings'>; messages: readonly WindowMessage[]; senderNames: ReadonlyMap<string, string> },
  blockedSenders: ReadonlySet<string>,
): Notice | null {
  const theirs = window.messages.filter((m) => m.senderId !== uid && !blockedSenders.has(m.senderId));
  const newest = theirs.at(-1);
  if (!newest) return null;
  const senderName = window.senderNames.get(newest.senderId) ?? 'Someone';
  const content = theirs.length === 1 ? notificationContent(window.chat, newest.message, senderName) : foldedContent(window.chat, senderName, theirs.length);
  return { content, messageId: newest.id, count: theirs.length };
}

export function foldedContent(chat: Pick<Chat, 'type' | 'name'>, newestSenderName: string, count: number): NotificationContent {
  const body = `${count} new messages`;
  return chat.type === 'group' ? { title: chat.name ?? 'Group', body } : { title: newestSenderName, body };
}

export interface DeviceRef {
  uid: string;
  deviceId: string;
}

export interface PushTarget {
  token: string;
  /** Every device document carrying this token (a token registered twice gets one push). */
  devices: DeviceRef[];
}

/** One target per distinct token, keeping every device document that carries it. */
export function uniqueTargets(devices: readonly (DeviceRef & { token: string })[]): PushTarget[] {
  const byToken = new Map<string, PushTarget>();
  for (const { token, uid, deviceId } of devices) {
    const target = byToken.get(token) ?? { token, devices: [] };
    target.devices.push({ uid, deviceId });
    byToken.set(token, target);
  }
  return [...byToken.values()];
}

export function chunk<T>(items: readonly T[], size = FCM_BATCH_LIMIT): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The FCM request for one token: the same shape `getMessaging().sendEach` takes. */
export interface PushMessage {
  token: string;
  notification: NotificationContent;
  data: Record<string, string>;
  android: { priority: 'high'; collapseKey: string; notification: { tag: string } };
  apns: { headers: { 'apns-collapse-id': string }; payload: { aps: { threadId: string; sound: string } } };
  webpush: { headers: { Topic: string }; notification: { tag: string } };
}

/**
 * The chat's collapse key: FCM's `collapseKey`, APNs' `apns-collapse-id` (at most 64 bytes) and the
 * Web Push `Topic` header (RFC 8030, at most 32 URL-safe base64 characters). While a device is
 * offline each service keeps only the newest push per key, and a resent push replaces the one
 * shown. Direct chat ids are two uids, longer than that, so the id is hashed.
 */
export function chatCollapseKey(chatId: string): string {
  return createHash('sha256').update(chatId).digest('base64url').slice(0, 32);
}

export function pushMessage(token: string, notice: Notice, chatId: string): PushMessage {
  const collapseKey = chatCollapseKey(chatId);
  return {
    token,
    notification: notice.content,
    data: { type: 'message', chatId, messageId: notice.messageId, count: String(notice.count) },
    // Notifications of one chat replace each other on the device instead of piling up.
    android: { priority: 'high', collapseKey, notification: { tag: chatId } },
    apns: { headers: { 'apns-collapse-id': collapseKey }, payload: { aps: { threadId: chatId, sound: 'default' } } },
    // Natter's service worker shows `tag` and replaces an older notification of the same chat.
    webpush: { headers: { Topic: collapseKey }, notification: { tag: chatId } },
  };
}

export type PushErrorKind = 'invalid-token' | 'transient' | 'failed';

/** Tokens FCM reports with these codes are dead and their device documents are deleted. */
export const INVALID_TOKEN_CODES: ReadonlySet<string> = new Set([
  'messaging/invalid-registration-token',
  'messaging/registration-token-not-registered',
]);

/** Worth retrying later; anything else (payload, credentials of a third party) will not get better. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/unknown-error',
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'messaging/quota-exceeded',
]);

export function classifyPushError(code: string): PushErrorKind {
  if (INVALID_TOKEN_CODES.has(code)) return 'invalid-token';
  if (TRANSIENT_CODES.has(code)) return 'transient';
  return 'failed';
}
