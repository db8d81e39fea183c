/**
 * What Natter's service worker and the page say to each other about pushes, and how the worker
 * reads an FCM web push. FCM delivers the server's request (functions/src/notifications/planPush.ts)
 * as JSON: `notification` {title, body, tag (the chat id)} and `data` {type, chatId, messageId}.
 * DOM-free on purpose: the service worker bundles this module too.
 */

/** One incoming message push, as both sides use it. */
export interface PushNotice {
  title: string;
  body: string;
  chatId: string;
  messageId: string;
  /** Notifications with one tag replace each other: the chat id. */
  tag: string;
}

/** A string field of an object, or undefined (hand-read: the worker stays a few kB, without zod). */
function text(source: unknown, key: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The notice in an FCM push payload, or null for anything that is not a Natter message push.
 * Keys FCM adds itself (`from`, `fcmMessageId`, `priority`, ...) are ignored.
 */
export function readPushPayload(payload: unknown): PushNotice | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { notification, data } = payload as { notification?: unknown; data?: unknown };
  const title = text(notification, 'title');
  const chatId = text(data, 'chatId');
  const messageId = text(data, 'messageId');
  if (text(data, 'type') !== 'message' || !title || !chatId || !messageId) return null;
  return { title, body: text(notification, 'body') ?? '', chatId, messageId, tag: text(notification, 'tag') ?? chatId };
}

/** Worker -> page: a push arrived while Natter is on screen; or a notification was clicked. */
export type WorkerMessage = { kind: 'natter-push'; notice: PushNotice } | { kind: 'natter-open-chat'; chatId: string };

export function readWorkerMessage(message: unknown): WorkerMessage | null {
  const kind = text(message, 'kind');
  if (kind === 'natter-push') {
    const notice = (message as { notice?: unknown }).notice;
    return isNotice(notice) ? { kind, notice } : null;
  }
  const chatId = text(message, 'chatId');
  return kind === 'natter-open-chat' && chatId ? { kind, chatId } : null;
}

function isNotice(value: unknown): value is PushNotice {
  return ['title', 'chatId', 'messageId', 'tag'].every((key) => text(value, key) !== undefined)
    && typeof (value as { body?: unknown }).body === 'string';
}

/** The app URL that opens a chat (the app reads `?chat=` on start). */
export function chatUrl(origin: string, chatId: string): string {
  return new URL(`/?chat=${encodeURIComponent(chatId)}`, origin).href;
}

/** Where the worker is served from (the whole site is its scope). */
export const SERVICE_WORKER_URL = '/natter-sw.js';
