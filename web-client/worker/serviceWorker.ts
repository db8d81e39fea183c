/**
 * Natter's service worker (built to /natter-sw.js, scope: the whole app). It receives FCM web
 * pushes: while a Natter tab is on screen it hands the push to the page (which shows an in-app
 * notice, or nothing for the chat already open); otherwise it shows a notification tagged with the
 * chat id, so a newer one for the same chat replaces the older one. A click brings a Natter tab to
 * that chat, or opens one. No Firebase SDK here: FCM only needs a registration to subscribe.
 */
import { chatUrl, readPushPayload, type PushNotice, type WorkerMessage } from '../src/lib/push/protocol.ts';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(readPushPayload(readJson(event.data))));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const chatId = chatIdOf(event.notification.data);
  if (chatId) event.waitUntil(openChat(chatId));
});

function readJson(data: PushMessageData | null): unknown {
  try {
    return data?.json();
  } catch {
    return null;
  }
}

async function natterWindows(): Promise<WindowClient[]> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.filter((client) => new URL(client.url).origin === self.location.origin);
}

function post(client: Client, message: WorkerMessage): void {
  client.postMessage(message);
}

async function showPush(notice: PushNotice | null): Promise<void> {
  if (!notice) return;
  const onScreen = (await natterWindows()).filter((client) => client.visibilityState === 'visible');
  if (onScreen.length > 0) {
    for (const client of onScreen) post(client, { kind: 'natter-push', notice });
    return;
  }
  await self.registration.showNotification(notice.title, {
    body: notice.body,
    tag: notice.tag,
    data: { chatId: notice.chatId, messageId: notice.messageId },
  });
}

function chatIdOf(data: unknown): string | null {
  const chatId = typeof data === 'object' && data !== null ? (data as { chatId?: unknown }).chatId : undefined;
  return typeof chatId === 'string' && chatId.length > 0 ? chatId : null;
}

/** A click: the focused (or any) Natter tab switches to the chat and comes forward; else a new tab. */
async function openChat(chatId: string): Promise<void> {
  const windows = await natterWindows();
  const target = windows.find((client) => client.focused) ?? windows.find((client) => client.visibilityState === 'visible') ?? windows[0];
  if (!target) {
    await self.clients.openWindow(chatUrl(self.location.origin, chatId));
    return;
  }
  post(target, { kind: 'natter-open-chat', chatId });
  // Focusing is allowed only while the click is fresh; the tab has its chat either way.
  await target.focus().catch(() => undefined);
}
