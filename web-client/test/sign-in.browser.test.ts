/**
 * Every sign-in flow of the web client in headless Chromium, with mail read from the test SMTP
 * server: magic links on the same and on another device, sign-up with a password and email
 * verification, a forgotten password, and a wrong one.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { DEV_PORTS } from '../../tests/support/env.ts';
import { Mailbox, linkFrom } from '../../tests/support/mailbox.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { openPerson, type Person, PHONE, shot, unexpectedProblems, WAIT } from './support/ui.ts';

const STEP_MS = 180_000;

describeWhen(missingBrowser(), 'signing in in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let mailbox: Mailbox;
  const people: Person[] = [];

  async function person(viewport?: { width: number; height: number }): Promise<Person> {
    const opened = await openPerson(browser, server.url, viewport);
    people.push(opened);
    return opened;
  }
  /** Our app's URL carrying an emailed action's parameters, as a custom action handler receives them. */
  function inApp(link: string): string {
    return `${server.url.replace(/\/$/, '')}/${new URL(link).search}`;
  }
  async function signedIn(p: Person): Promise<void> {
    await p.page.getByRole('button', { name: 'New chat' }).waitFor();
  }

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    mailbox = await Mailbox.start();
    // The dev web port: the sign-in-link allow-list admits it.
    server = await serveWebClient({ port: DEV_PORTS.web });
    browser = await launchChromium();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') for (const [i, p] of people.entries()) await shot(p.page, `failed-sign-in-${i}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mailbox?.close();
  });

  it('completes a magic link on the device that asked for it', { timeout: STEP_MS }, async () => {
    const p = await person();
    await p.page.getByRole('tab', { name: 'Magic link' }).click();
    await p.page.getByLabel('Email', { exact: true }).fill('link.same@natter.test');
    await p.page.getByRole('button', { name: 'Email me a link' }).click();
    await p.page.getByText('Check your inbox').waitFor();
    await shot(p.page, 'sign-in-link-sent');
    // The emailed link passes through Auth and lands on the app, which finishes signing in.
    await p.page.goto(linkFrom(await mailbox.latest('link.same@natter.test', WAIT_MAIL)));
    await signedIn(p);
    await expect.poll(() => p.page.getByTestId('signed-in-as').innerText(), WAIT).toBe('Natter user'); // never named from the email
    expect(new URL(p.page.url()).search).toBe('');
  });

  it('asks for the email when the link is opened on another device', { timeout: STEP_MS }, async () => {
    const requester = await person();
    await requester.page.getByRole('tab', { name: 'Magic link' }).click();
    await requester.page.getByLabel('Email', { exact: true }).fill('link.other@natter.test');
    await requester.page.getByRole('button', { name: 'Email me a link' }).click();
    await requester.page.getByText('Check your inbox').waitFor();

    const phone = await person(PHONE);
    await phone.page.goto(linkFrom(await mailbox.latest('link.other@natter.test', WAIT_MAIL)));
    await phone.page.getByRole('heading', { name: 'Finish signing in' }).waitFor();
    await phone.page.getByLabel('Email', { exact: true }).fill('link.other@natter.test');
    await shot(phone.page, 'phone-sign-in-link-other-device');
    await phone.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedIn(phone);
    await expect.poll(() => phone.page.getByTestId('signed-in-as').innerText(), WAIT).toBe('Natter user'); // never named from the email
  });

  it('signs up with a password, then verifies the address from the emailed link', { timeout: STEP_MS }, async () => {
    const p = await person();
    await p.page.getByRole('tab', { name: 'Password' }).click();
    await p.page.getByRole('button', { name: 'Create an account' }).click();
    await p.page.getByLabel('Your name').fill('Pat Password');
    await p.page.getByLabel('Email', { exact: true }).fill('pat@natter.test');
    await p.page.getByRole('textbox', { name: 'Password' }).fill('a long password');
    await shot(p.page, 'sign-up');
    await p.page.getByRole('button', { name: 'Create account' }).click();
    await signedIn(p);
    await p.page.getByText('Verify your email address.').waitFor();
    await shot(p.page, 'verify-banner');

    const link = linkFrom(await mailbox.latest('pat@natter.test', WAIT_MAIL));
    expect(new URL(link).searchParams.get('mode')).toBe('verifyEmail');
    await p.page.goto(inApp(link));
    await p.page.getByText('Your email address is verified.').waitFor();
    await shot(p.page, 'email-verified');
    await p.page.getByRole('button', { name: 'Continue' }).click();
    await signedIn(p);
    await expect.poll(() => p.page.getByText('Verify your email address.').count(), WAIT).toBe(0);
  });

  it('resets a forgotten password from the emailed link, and says so when a password is wrong', { timeout: STEP_MS }, async () => {
    const p = await person();
    await p.page.getByRole('tab', { name: 'Password' }).click();
    await p.page.getByLabel('Email', { exact: true }).fill('pat@natter.test');
    await p.page.getByRole('textbox', { name: 'Password' }).fill('not my password');
    await p.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => p.page.getByRole('alert').innerText(), WAIT).toBe('That email and password do not match an account.');
    await shot(p.page, 'sign-in-wrong-password');

    await p.page.getByRole('button', { name: 'Forgot password?' }).click();
    await p.page.getByRole('button', { name: 'Email me a reset link' }).click();
    await p.page.getByText('a password reset link is on its way').waitFor();
    const link = linkFrom(await mailbox.latest('pat@natter.test', WAIT_MAIL));
    expect(new URL(link).searchParams.get('mode')).toBe('resetPassword');

    await p.page.goto(inApp(link));
    await p.page.getByText('For pat@natter.test').waitFor();
    await p.page.getByRole('textbox', { name: 'New password' }).fill('a brand new password');
    await shot(p.page, 'reset-password');
    await p.page.getByRole('button', { name: 'Save password' }).click();
    await p.page.getByText('Your password was changed.').waitFor();
    await p.page.getByRole('button', { name: 'Back to sign-in' }).click();

    await p.page.getByRole('tab', { name: 'Password' }).click();
    await p.page.getByLabel('Email', { exact: true }).fill('pat@natter.test');
    await p.page.getByRole('textbox', { name: 'Password' }).fill('a brand new password');
    await p.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedIn(p);
    await expect.poll(() => p.page.getByTestId('signed-in-as').innerText(), WAIT).toBe('Pat Password');
  });

  it('showed no errors in the console', () => {
    // The wrong-password step is refused by the Auth emulator with a 400: the one expected error.
    expect(unexpectedProblems(people, /auth\/invalid-credential|400 \(Bad Request\) at \S+identitytoolkit/)).toEqual([]);
  });
});

const WAIT_MAIL = { timeoutMs: WAIT.timeout };
