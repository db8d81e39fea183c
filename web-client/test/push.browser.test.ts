/**
 * Web push in headless Chromium, end to end inside the browser: the built client registers
 * Natter's service worker; pushes shaped exactly like the server's FCM request are delivered to it
 * through the DevTools protocol (`ServiceWorker.deliverPushMessage`), as FCM's push service would.
 * FCM itself (token, subscription) cannot run here: that lifecycle is tested against the
 * emulators with its seam substituted (push-devices.emulator.test.ts).
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { directChatId } from '@natter/model';
import { DEMO_GROUP_ID, DEMO_GROUP_NAME } from '@natter/model/demo';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { seedDemoData } from '../../scripts/lib/seed.ts';
import { pushMessage } from '../../functions/src/notifications/planPush.ts';
import { PUSH_REASONS } from '../src/lib/push/webPush.ts';
import { WAIT, openPerson, shot, type Person } from './support/ui.ts';

const STEP_MS = 180_000;
const DIRECT = directChatId('demo-ana', 'demo-ben');

/** The parts of the worker's global scope these steps use (the test compiles against DOM types). */
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  clients: { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<{ url: string }[]> };
  location: { origin: string };
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
}

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/** The server's request for one message, as FCM hands it to a web subscriber. */
function delivered(chatId: string, messageId: string, title: string, body: string): string {
  const request = pushMessage('token', { content: { title, body }, messageId, count: 1 }, chatId);
  return JSON.stringify({ notification: { ...request.notification, ...request.webpush.notification }, data: request.data, from: '1234', fcmMessageId: messageId });
}

describeWhen(missingBrowser(), 'web push in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let ana: Person;
  let context: BrowserContext;
  let page: Page;
  let worker: Worker;
  let cdp: CDPSession;
  let origin: string;
  let registrationId = '';

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    await seedDemoData(adminDb, adminAuth);
    server = await serveWebClient();
    browser = await launchChromium();
    origin = new URL(server.url).origin;
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await shot(page, 'failed-push');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function deliver(chatId: string, messageId: string, title: string, body: string): Promise<void> {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: delivered(chatId, messageId, title, body) });
  }
  async function shown(): Promise<Shown[]> {
    return worker.evaluate(async () => {
      const scope = self as unknown as WorkerScope;
      const notifications = await scope.registration.getNotifications();
      return notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
    });
  }
  /** Natter windows the worker sees (it hands pushes to a visible one instead of showing them). */
  async function natterWindows(): Promise<number> {
    return worker.evaluate(async () => {
      const scope = self as unknown as WorkerScope;
      const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
      return windows.filter((client) => new URL(client.url).origin === scope.location.origin).length;
    });
  }
  async function signedInApp(): Promise<void> {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New chat' }).waitFor();
  }

  it('says in Settings why notifications are unavailable on the emulators', { timeout: STEP_MS }, async () => {
    ana = await openPerson(browser, server.url);
    ({ context, page } = ana);
    await page.getByRole('button', { name: 'Sign in as Ana Alvarez' }).click();
    await page.getByRole('button', { name: 'New chat' }).waitFor();
    await page.getByRole('button', { name: 'Settings and profile' }).click();
    const control = page.getByRole('checkbox', { name: 'Notifications on this device' });
    await expect.poll(() => page.getByRole('note').filter({ hasText: PUSH_REASONS.emulators }).count(), WAIT).toBe(1);
    expect(await control.isDisabled()).toBe(true);
    expect(await control.isChecked()).toBe(false);
    await control.scrollIntoViewIfNeeded();
    await shot(page, 'push-settings-unavailable');
    await page.getByRole('button', { name: 'Back' }).click();
  });

  it('registers the service worker for the whole app', { timeout: STEP_MS }, async () => {
    await context.grantPermissions(['notifications'], { origin });
    worker = context.serviceWorkers().find((w) => w.url().endsWith('/natter-sw.js')) ?? (await context.waitForEvent('serviceworker', WAIT));
    expect(worker.url()).toBe(`${origin}/natter-sw.js`);
    cdp = await context.newCDPSession(page);
    const found = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    registrationId = await found;
    expect(registrationId).not.toBe('');
  });

  it('shows a push as a notification tagged with its chat while Natter is closed; a newer one replaces it', { timeout: STEP_MS }, async () => {
    await page.goto('about:blank');
    // Leaving is not instant for the worker: a push arriving while it still sees the Natter window
    // would go to that window. Natter is closed once the worker sees no window of it.
    await expect.poll(natterWindows, WAIT).toBe(0);
    // A push the browser drops while the worker starts up is delivered again: the same push under
    // the same tag replaces itself, so repeating it cannot show two.
    await expect.poll(async () => {
      await deliver(DIRECT, 'm-1', 'Ben Okafor', 'Are you coming tonight?');
      return shown();
    }, WAIT).toEqual([{ title: 'Ben Okafor', body: 'Are you coming tonight?', tag: DIRECT }]);

    await deliver(DIRECT, 'm-2', 'Ben Okafor', 'I saved you a seat');
    await expect.poll(shown, WAIT).toEqual([{ title: 'Ben Okafor', body: 'I saved you a seat', tag: DIRECT }]);

    await deliver(DEMO_GROUP_ID, 'm-3', DEMO_GROUP_NAME, 'Cai: Pizza at 8?');
    await expect.poll(async () => (await shown()).sort((a, b) => a.tag.localeCompare(b.tag)), WAIT).toEqual(
      [
        { title: DEMO_GROUP_NAME, body: 'Cai: Pizza at 8?', tag: DEMO_GROUP_ID },
        { title: 'Ben Okafor', body: 'I saved you a seat', tag: DIRECT },
      ].sort((a, b) => a.tag.localeCompare(b.tag)),
    );
    // What the worker shows, rendered for the record (headless Chromium draws no system notifications).
    const list = (await shown()).map((n) => `<li><b>${n.title}</b> ${n.body} <small>(tag ${n.tag})</small></li>`).join('');
    await page.setContent(`<h1>Notifications shown by natter-sw.js</h1><ul>${list}</ul>`);
    await shot(page, 'push-notifications-shown');
  });

  it('a click on a notification brings the open Natter tab to that chat', { timeout: STEP_MS }, async () => {
    await signedInApp();
    // Chromium lets only a real click (a trusted event) open or focus windows; the worker's own
    // handler runs here on a constructed click, so it reaches the open tab by message.
    await worker.evaluate(async (tag) => {
      const scope = self as unknown as WorkerScope;
      const [notification] = await scope.registration.getNotifications({ tag });
      if (!notification) throw new Error(`no notification tagged ${tag}`);
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
    }, DEMO_GROUP_ID);
    await expect.poll(() => page.getByTestId('conversation-title').innerText(), WAIT).toBe(DEMO_GROUP_NAME);
    await expect.poll(async () => (await shown()).map((n) => n.tag), WAIT).toEqual([DIRECT]);
    await shot(page, 'push-click-opened-chat');
  });

  it('opens the chat from the URL a click opens when no Natter tab exists', { timeout: STEP_MS }, async () => {
    await page.goto(`${server.url.replace(/\/$/, '')}/?chat=${encodeURIComponent(DIRECT)}`);
    await expect.poll(() => page.getByTestId('conversation-title').innerText(), WAIT).toBe('Ben Okafor');
    expect(new URL(page.url()).search).toBe('');
  });

  it('while Natter is on screen: a push for another chat is an in-app notice, one for the open chat shows nothing', { timeout: STEP_MS }, async () => {
    await worker.evaluate(async () => {
      const scope = self as unknown as WorkerScope;
      for (const n of await scope.registration.getNotifications()) n.close();
    });
    // Ben's chat is open (previous step). The worker handles pushes in order: the open chat's first.
    await deliver(DIRECT, 'm-4', 'Ben Okafor', 'Reading along');
    await deliver(DEMO_GROUP_ID, 'm-5', DEMO_GROUP_NAME, 'Dev: Count me in');
    const notices = page.locator('.push-notice-open');
    await expect.poll(() => notices.allInnerTexts(), WAIT).toEqual([`${DEMO_GROUP_NAME}\nDev: Count me in`]);
    expect(await shown()).toEqual([]);
    await shot(page, 'push-in-app-notice');

    // The notice opens its chat and goes away.
    await notices.first().click();
    await expect.poll(() => page.getByTestId('conversation-title').innerText(), WAIT).toBe(DEMO_GROUP_NAME);
    expect(await notices.count()).toBe(0);
  });
});
