import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_GROUP_NAME } from '@natter/model/demo';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, screenshotPath, serveWebClient } from '../../tests/support/browser.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { seedDemoData } from '../../scripts/lib/seed.ts';
import { adminRtdbWhereRunning } from '../../tests/support/rtdb.ts';

describeWhen(missingBrowser(), 'web client in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;

  beforeAll(async () => {
    await clearFirestore();
    await clearAuth();
    await seedDemoData(adminDb, adminAuth, { rtdb: adminRtdbWhereRunning() });
    server = await serveWebClient();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs a seeded demo user in and shows their chats, newest first', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Sign in as Ana Alvarez' }).click();
    await expect.poll(() => page.locator('.chat-row').count(), { timeout: 30_000 }).toBe(2);

    const rows = await page.locator('.chat-row .chat-name').allInnerTexts();
    expect(rows[0]).toBe(DEMO_GROUP_NAME);
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toBe('Ana Alvarez');
    await page.screenshot({ path: screenshotPath('chat-list'), fullPage: true });
    expect(consoleErrors.filter((text) => !text.includes('favicon'))).toEqual([]);
  });
});
