/**
 * Web push in the signed-in app: keeps this device's registration current (a rotated token is
 * replaced, a revoked permission removes the device), and turns what the service worker posts into
 * in-app notices (a push for another chat while Natter is on screen) or an opened chat (a click).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { registerServiceWorker, watchPermission, watchWorker } from '../lib/push/browser.ts';
import type { PushNotice } from '../lib/push/protocol.ts';

/** On sign-in and whenever the browser's notification permission changes. */
export function useDevicePushSync(uid: string, report: (error: unknown) => void): void {
  useEffect(() => {
    // The worker shows notifications and handles their clicks, whether or not push is on here.
    registerServiceWorker().catch(() => undefined);
    const sync = () => void api.push.sync(uid).catch(report);
    sync();
    return watchPermission(sync);
  }, [uid, report]);
}

/** In-app notices for pushes about other chats; a notification click opens its chat here. */
export function usePushNotices(openChatId: string | null, openChat: (chatId: string) => void) {
  const [notices, setNotices] = useState<PushNotice[]>([]);
  const current = useRef({ openChatId, openChat });
  current.current = { openChatId, openChat };

  useEffect(
    () =>
      watchWorker((message) => {
        if (message.kind === 'natter-open-chat') return current.current.openChat(message.chatId);
        const { notice } = message;
        // The chat on screen shows the message itself.
        if (notice.chatId === current.current.openChatId) return;
        // Like the notifications, one notice per chat: the newest replaces the older one.
        setNotices((shown) => [...shown.filter((n) => n.tag !== notice.tag), notice].slice(-3));
      }),
    [],
  );
  useEffect(() => {
    if (openChatId) setNotices((shown) => shown.filter((n) => n.chatId !== openChatId));
  }, [openChatId]);

  const dismiss = useCallback((tag: string) => setNotices((shown) => shown.filter((n) => n.tag !== tag)), []);
  return { notices, dismiss };
}
