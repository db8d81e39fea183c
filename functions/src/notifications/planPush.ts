/**
 * Pure planning for push notifications: who gets one, what it says, how requests are batched and
 * what FCM's answers mean. No Firebase imports, so it is unit-tested alone.
 */
import { createHash } from 'node:crypto';
import { messagePreview, type Chat, type Message } from '@natter/model';

/** FCM's `sendEach` takes at most this many messages per call. */
export const FCM_BATCH_LIMIT = 500;

export interface RecipientInput {
  senderId: string;
  memberIds: readonly string[];
  /** Each member's `mutedUntil` in milliseconds (absent or null: not muted). */
  mutedUntilMs: ReadonlyMap<string, number | null>;
  /** Members who blocked the sender (`users/{uid}/blocked/{senderId}` exists). */
  blockedSender: ReadonlySet<string>;
  /** Members whose presence says they are looking at this chat right now. */
  viewing: ReadonlySet<string>;
  nowMs: number;
}

export interface RecipientPlan {
  recipients: string[];
  muted: string[];
  blocked: string[];
  viewing: string[];
}

export function planRecipients(input: RecipientInput): RecipientPlan {
  const plan: RecipientPlan = { recipients: [], muted: [], blocked: [], viewing: [] };
  for (const uid of new Set(input.memberIds)) {
    if (uid === input.senderId) continue;
    const mutedUntil = input.mutedUntilMs.get(uid);
    if (mutedUntil != null && mutedUntil > input.nowMs) plan.muted.push(uid);
    else if (input.blockedSender.has(uid)) plan.blocked.push(uid);
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
  android: { priority: 'high'; notification: { tag: string } };
  apns: { payload: { aps: { threadId: string; sound: string } } };
  webpush: { headers: { Topic: string }; notification: { tag: string } };
}

/**
 * The Web Push `Topic` header (RFC 8030) for a chat: while a browser is offline, the push service
 * keeps only the newest undelivered push per topic. At most 32 URL-safe base64 characters, so the
 * chat id (direct ids are two uids, longer than that) is hashed.
 */
export function webPushTopic(chatId: string): string {
  return createHash('sha256').update(chatId).digest('base64url').slice(0, 32);
}

export function pushMessage(token: string, content: NotificationContent, ids: { chatId: string; messageId: string }): PushMessage {
  return {
    token,
    notification: content,
    data: { type: 'message', chatId: ids.chatId, messageId: ids.messageId },
    // Notifications of one chat replace each other on the device instead of piling up.
    android: { priority: 'high', notification: { tag: ids.chatId } },
    apns: { payload: { aps: { threadId: ids.chatId, sound: 'default' } } },
    // Natter's service worker shows `tag` and replaces an older notification of the same chat.
    webpush: { headers: { Topic: webPushTopic(ids.chatId) }, notification: { tag: ids.chatId } },
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
