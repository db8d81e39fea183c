/**
 * A long conversation in headless Chromium: the newest page first, older pages as the reader
 * scrolls up, bubbles grouped by day; reached and answered by keyboard alone, at phone width; and
 * reopened from the persistent local cache.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Timestamp } from 'firebase-admin/firestore';
import { directChatId, paths } from '@natter/model';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { seedDemoData } from '../../scripts/lib/seed.ts';
import { adminRtdbWhereRunning } from '../../tests/support/rtdb.ts';
import { bubble, chatRow, openPerson, type Person, PHONE, receiptOrRefusal, shot, unexpectedProblems, WAIT } from './support/ui.ts';

const HISTORY = 75;
const DAY_MS = 86_400_000;

describeWhen(missingBrowser(), 'a long history in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let ana: Person;
  const chatId = directChatId('demo-ana', 'demo-ben');

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    await seedDemoData(adminDb, adminAuth, { rtdb: adminRtdbWhereRunning() });
    // 75 older messages over three days, before the seeded conversation (already summarised).
    const start = Date.now() - 4 * DAY_MS;
    const batch = adminDb.batch();
    for (let i = 0; i < HISTORY; i += 1) {
      batch.set(adminDb.doc(paths.message(chatId, `history-${String(i).padStart(3, '0')}`)), {
        senderId: i % 2 === 0 ? 'demo-ana' : 'demo-ben',
        type: 'text',
        text: `History line ${i}`,
        createdAt: Timestamp.fromMillis(start + i * (DAY_MS / 30)),
      });
    }
    await batch.commit();
    // The message trigger writes nothing for these: the summary already shows a newer message, and
    // no transaction locks the chat document that rules' get() reads (firebase/firebase-tools#10518).
    server = await serveWebClient();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and opens a chat by keyboard alone', { timeout: 180_000 }, async () => {
    ana = await openPerson(browser, server.url, PHONE);
    const { page } = ana;
    await page.getByRole('button', { name: 'Sign in as Ana Alvarez' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.chat-row').first().waitFor();
    // A direct chat is named after the other member, whose profile arrives a moment after the row.
    await expect.poll(() => page.locator('.chat-row .chat-name').allInnerTexts(), WAIT).toContain('Ben Okafor');
    await shot(page, 'phone-chat-list');
    // Tab from the search box to the first chat row, skipping nothing a user would need.
    await page.getByRole('searchbox', { name: 'Search chats by name' }).focus();
    let opened = false;
    for (let i = 0; i < 12 && !opened; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.closest('.chat-row')?.querySelector('.chat-name')?.textContent ?? null);
      if (focused === 'Ben Okafor') {
        await page.keyboard.press('Enter');
        opened = true;
      }
    }
    expect(opened).toBe(true);
    await expect.poll(() => page.getByTestId('conversation-title').innerText(), WAIT).toBe('Ben Okafor');
    // The newest page is on screen before the reply, so the next test sees it slide by one.
    await expect.poll(() => page.locator('.bubble-row').count(), WAIT).toBe(30);
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.focus();
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await expect.poll(() => receiptOrRefusal(page, 'Typed without a mouse'), WAIT).toMatch(/^(sent|delivered|read)$/);
  });

  it('shows the newest page first and loads older pages while scrolling up, grouped by day', { timeout: 180_000 }, async () => {
    const { page } = ana;
    const count = () => page.locator('.bubble-row').count();
    // The newest page of 30 (out of 75 history + 3 seeded + 1 sent), plus the message sent after
    // it loaded, which the feed keeps even as it slides out of the newest page's window.
    await expect.poll(count, WAIT).toBe(31);
    expect(await bubble(page, 'History line 0').count()).toBe(0);
    await shot(page, 'phone-history-newest');

    for (const expected of [61, HISTORY + 4]) {
      await page.locator('.messages').evaluate((el) => el.scrollTo(0, 0));
      await expect.poll(count, WAIT).toBe(expected);
    }
    await page.locator('.messages').evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => page.getByText('Start of the conversation').count(), WAIT).toBe(1);
    expect(await bubble(page, 'History line 0').count()).toBe(1);
    // Three earlier days plus today, each with its own separator.
    expect(await page.locator('.day-separator').count()).toBeGreaterThanOrEqual(4);
    await shot(page, 'phone-history-oldest');
    expect(unexpectedProblems([ana])).toEqual([]);
  });

  it('reopens with chats and messages from the persistent cache, even with Firestore unreachable', { timeout: 180_000 }, async () => {
    const { page } = ana;
    // Cut the page off from the Firestore emulator only (the app itself and Auth still load).
    await page.route('**/google.firestore.v1.Firestore/**', (route) => route.abort());
    await page.reload();
    await expect.poll(() => page.locator('.chat-row').count(), WAIT).toBe(2);
    // Names come from profile listeners, which answer from the cache a moment after the rows.
    await expect.poll(() => page.locator('.chat-row .chat-name').allInnerTexts(), WAIT).toContain('Ben Okafor');
    await chatRow(page, 'Ben Okafor').locator('.chat-open').click();
    await expect.poll(() => bubble(page, 'Typed without a mouse').count(), WAIT).toBe(1);
    await shot(page, 'phone-reopened-from-cache');
    await page.unroute('**/google.firestore.v1.Firestore/**');
  });
});
