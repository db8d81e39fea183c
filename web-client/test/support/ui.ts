/**
 * Browser-test steps in the user's terms (playwright-core pages against the built client): sign in
 * with an emailed code, name oneself, open chats and act on messages through the visible UI only.
 */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { codeFrom, type Mailbox } from '../../../tests/support/mailbox.ts';
import { screenshotPath } from '../../../tests/support/browser.ts';

export const PHONE = { width: 390, height: 844 };
/**
 * How long a step may take to show up. Generous on purpose: triggers, callables and listeners on
 * the emulators slow down a lot when the machine is busy (2 shared cores).
 */
export const WAIT = { timeout: 60_000 };
export const DESKTOP = { width: 1280, height: 800 };

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on the page. */
  problems: string[];
  /** Firestore listen targets the page asked for: bounded unless listeners churn. */
  listens: { count: number };
}

export async function openPerson(browser: Browser, url: string, viewport = DESKTOP): Promise<Person> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(WAIT.timeout);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // The resource's address says which service refused: Chromium's text alone never does.
    const where = message.location().url;
    if (message.type() === 'error') problems.push(where ? `${message.text()} at ${where}` : message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const listens = { count: 0 };
  page.on('request', (request) => {
    if (request.url().includes('Firestore/Listen')) listens.count += (request.postData() ?? '').split('addTarget').length - 1;
  });
  await page.goto(url);
  return { context, page, problems, listens };
}

/**
 * Firestore's WebChannel answers 400 when the browser polls a stream session the backend already
 * closed (after going offline, or a long idle); the SDK then opens a new stream, so the line is
 * transport noise (firebase/firebase-js-sdk#9028), not an app error. Only that address is excused.
 */
const WEBCHANNEL_RESTART = /status of 400 .* at \S+\/google\.firestore\.v1\.Firestore\/(Listen|Write)\/channel\?/;

/** What the people's pages logged that no step expected: favicons and WebChannel restarts aside. */
export function unexpectedProblems(people: Person[], expected?: RegExp): string[] {
  return people
    .flatMap((person) => person.problems)
    .filter((text) => !/favicon/.test(text) && !WEBCHANNEL_RESTART.test(text) && !(expected?.test(text) ?? false));
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
}

/** Signs in with a 6-digit code read from the test SMTP server. */
export async function signInWithEmailCode(page: Page, mailbox: Mailbox, email: string, screenshot?: string): Promise<void> {
  await page.getByRole('tab', { name: 'Email code' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect.poll(() => page.getByText('We sent a code to').count(), WAIT).toBe(1);
  const code = codeFrom(await mailbox.latest(email, { timeoutMs: WAIT.timeout }));
  await page.getByLabel('6-digit code').fill(code);
  if (screenshot) await shot(page, screenshot);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'New chat' }).waitFor();
}

/** Sets the display name in Settings (new accounts start with the email's local part). */
export async function setDisplayName(page: Page, name: string, screenshot?: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings and profile' }).click();
  const field = page.getByLabel('Your name');
  await expect.poll(() => field.inputValue(), WAIT).not.toBe('');
  await field.fill(name);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved.').waitFor();
  if (screenshot) await shot(page, screenshot);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect.poll(() => page.getByTestId('signed-in-as').innerText(), WAIT).toBe(name);
}

export function chatRow(page: Page, title: string): Locator {
  return page.locator('.chat-row').filter({ has: page.locator('.chat-name', { hasText: title }) });
}

export async function unreadBadge(page: Page, title: string): Promise<string | null> {
  const badge = chatRow(page, title).getByTestId('unread-badge');
  return (await badge.count()) > 0 ? badge.innerText() : null;
}

export async function openChat(page: Page, title: string): Promise<void> {
  await chatRow(page, title).locator('.chat-open').click();
  await expect.poll(() => page.getByTestId('conversation-title').innerText(), WAIT).toBe(title);
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

export function bubble(page: Page, text: string): Locator {
  return page.locator('.bubble-row').filter({ has: page.locator('.text', { hasText: text }) });
}

/** The receipt state on one's own message: pending, sent, delivered, read or failed. */
export async function receiptOf(page: Page, text: string): Promise<string | null> {
  return bubble(page, text).getAttribute('data-receipt');
}

/** Like `receiptOf`, with the reason the app shows when the send was refused (`failed: ...`). */
export async function receiptOrRefusal(page: Page, text: string): Promise<string | null> {
  const state = await receiptOf(page, text);
  return state === 'failed' ? `failed: ${await bubble(page, text).locator('.send-failure').innerText()}` : state;
}

export async function messageMenu(page: Page, text: string): Promise<Locator> {
  const row = bubble(page, text);
  await row.hover();
  await row.getByRole('button', { name: 'Message options' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}
