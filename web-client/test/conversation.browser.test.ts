/**
 * Two people in two browser contexts, signed in with emailed codes, using the real backend on the
 * emulators: a direct chat with live unread badges and read ticks, reply, reaction, edit, delete
 * for everyone, offline sending, a group of three plus one added member, and a block.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminAuth, clearAuth, clearFirestore, eventually, adminDb } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { DEV_PORTS } from '../../tests/support/env.ts';
import { Mailbox } from '../../tests/support/mailbox.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { paths } from '@natter/model';
import {
  PHONE,
  WAIT,
  bubble,
  chatRow,
  messageMenu,
  openChat,
  openPerson,
  receiptOf,
  send,
  setDisplayName,
  shot,
  signInWithEmailCode,
  unexpectedProblems,
  unreadBadge,
  type Person,
} from './support/ui.ts';

/** One step of the story may wait on several slow emulator round trips. */
const STEP_MS = 300_000;

describeWhen(missingBrowser(), 'two people chatting in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let mailbox: Mailbox;
  let ava: Person;
  let bo: Person;

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    mailbox = await Mailbox.start();
    // The dev web port: the sign-in-link allow-list admits it.
    server = await serveWebClient({ port: DEV_PORTS.web });
    browser = await launchChromium();
    // Two more people for the group, made the way an operator would (Admin SDK); their profiles
    // come from Natter's user-creation trigger.
    for (const [uid, name] of [['group-cy', 'Cy Third'], ['group-di', 'Di Fourth']] as const) {
      await adminAuth.createUser({ uid, email: `${uid}@natter.test`, displayName: name, emailVerified: true });
      await eventually(async () => ((await adminDb.doc(paths.user(uid)).get()).exists ? true : undefined));
      await adminDb.doc(paths.user(uid)).update({ displayName: name, displayNameLower: name.toLowerCase() });
    }
  });
  // A failed step leaves both screens behind, with any alert they showed, for the reader of the log.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [name, person] of [['ava', ava], ['bo', bo]] as const) {
      if (!person) continue;
      await shot(person.page, `failed-${name}`);
      console.log(`${name} alerts at failure:`, await person.page.locator('.alert').allInnerTexts());
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mailbox?.close();
  });

  it('signs both people in with an emailed code and names them', { timeout: STEP_MS }, async () => {
    ava = await openPerson(browser, server.url);
    await shot(ava.page, 'sign-in');
    await signInWithEmailCode(ava.page, mailbox, 'ava.web@natter.test', 'sign-in-code');
    await setDisplayName(ava.page, 'Ava Web', 'settings');

    bo = await openPerson(browser, server.url, PHONE);
    await signInWithEmailCode(bo.page, mailbox, 'bo.web@natter.test');
    await setDisplayName(bo.page, 'Bo Phone');
    await shot(bo.page, 'phone-empty-chat-list');
  });

  it('opens a direct chat by searching a name, and shows unread badges and read ticks live', { timeout: STEP_MS }, async () => {
    await ava.page.getByRole('button', { name: 'New chat' }).click();
    await ava.page.getByLabel('Search people by name').fill('bo');
    await shot(ava.page, 'new-chat-search');
    await ava.page.getByRole('button', { name: 'Chat with Bo Phone' }).click();
    await expect.poll(() => ava.page.getByTestId('conversation-title').innerText(), WAIT).toBe('Bo Phone');

    await send(ava.page, 'Hi Bo, it is Ava');
    await send(ava.page, 'Are you there?');
    // Delivered once Bo's chat list has seen it (Bo's client acknowledges delivery), not yet read.
    await expect.poll(() => unreadBadge(bo.page, 'Ava Web'), WAIT).toBe('2');
    await expect.poll(() => receiptOf(ava.page, 'Are you there?'), WAIT).toBe('delivered');
    await shot(bo.page, 'phone-chat-list-unread');

    await openChat(bo.page, 'Ava Web');
    await expect.poll(() => receiptOf(ava.page, 'Are you there?'), WAIT).toBe('read');
    await expect.poll(() => receiptOf(ava.page, 'Hi Bo, it is Ava'), WAIT).toBe('read');
    await bo.page.getByRole('button', { name: 'Back to chats' }).click();
    await expect.poll(() => unreadBadge(bo.page, 'Ava Web'), WAIT).toBeNull();
    await openChat(bo.page, 'Ava Web');
    await shot(ava.page, 'conversation-read-ticks');
  });

  it('replies with a quote, reacts, edits and deletes for everyone, seen live on the other side', { timeout: STEP_MS }, async () => {
    const menu = await messageMenu(bo.page, 'Are you there?');
    await menu.getByRole('button', { name: 'Reply' }).click();
    await send(bo.page, 'Yes! Right here.');
    const reply = bubble(ava.page, 'Yes! Right here.');
    await expect.poll(() => reply.locator('.quote').innerText(), WAIT).toContain('Are you there?');
    // Ava has the chat open: the reply is read as it arrives.
    await expect.poll(() => receiptOf(bo.page, 'Yes! Right here.'), WAIT).toBe('read');

    const avaMenu = await messageMenu(ava.page, 'Yes! Right here.');
    await shot(ava.page, 'message-menu');
    await avaMenu.getByRole('button', { name: 'React ❤️' }).click();
    await expect.poll(() => bubble(bo.page, 'Yes! Right here.').locator('.reaction').allInnerTexts(), WAIT).toEqual(['❤️']);

    const editMenu = await messageMenu(ava.page, 'Hi Bo, it is Ava');
    await editMenu.getByRole('button', { name: 'Edit' }).click();
    const box = ava.page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hi Bo, it is Ava (edited)');
    await box.press('Enter');
    await expect.poll(() => bubble(bo.page, 'it is Ava (edited)').locator('.meta .edited').count(), WAIT).toBe(1);

    const deleteMenu = await messageMenu(ava.page, 'Are you there?');
    await deleteMenu.getByRole('button', { name: 'Delete for everyone' }).click();
    await ava.page.getByRole('dialog').getByRole('button', { name: 'Delete for everyone' }).click();
    await expect.poll(() => bo.page.getByText('This message was deleted').count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => bubble(bo.page, 'Are you there?').count(), WAIT).toBe(0);
    // The chat list shows the latest message as its preview.
    await expect.poll(() => chatRow(ava.page, 'Bo Phone').locator('.chat-preview').innerText(), WAIT).toContain('Yes! Right here.');
    await shot(bo.page, 'phone-conversation');
    await shot(ava.page, 'conversation');
  });

  it('queues a message while offline and sends it when back online', { timeout: STEP_MS }, async () => {
    await ava.context.setOffline(true);
    await send(ava.page, 'Sent from a tunnel');
    await expect.poll(() => receiptOf(ava.page, 'Sent from a tunnel'), WAIT).toBe('pending');
    await shot(ava.page, 'offline-pending');
    await ava.context.setOffline(false);
    await expect.poll(() => receiptOf(ava.page, 'Sent from a tunnel'), WAIT).not.toBe('pending');
    await expect.poll(() => bubble(bo.page, 'Sent from a tunnel').count(), WAIT).toBe(1);
    await expect.poll(() => receiptOf(ava.page, 'Sent from a tunnel'), WAIT).toBe('read');
  });

  it('creates a group of three, adds a fourth member, and counts "read by k of n"', { timeout: STEP_MS }, async () => {
    await ava.page.getByRole('button', { name: 'New chat' }).click();
    await ava.page.getByRole('button', { name: 'New group' }).click();
    await ava.page.getByLabel('Group name').fill('Trip planning');
    const search = ava.page.getByLabel('Add members by name');
    await search.fill('bo');
    await ava.page.getByRole('button', { name: 'Add Bo Phone' }).click();
    await search.fill('cy');
    await ava.page.getByRole('button', { name: 'Add Cy Third' }).click();
    await shot(ava.page, 'new-group');
    await ava.page.getByRole('button', { name: /Create group/ }).click();
    await expect.poll(() => ava.page.getByTestId('conversation-title').innerText(), WAIT).toBe('Trip planning');

    await ava.page.getByRole('button', { name: 'Trip planning: chat info' }).click();
    await expect.poll(() => ava.page.locator('.member').count(), WAIT).toBe(3);
    await ava.page.getByRole('button', { name: 'Add members' }).click();
    await ava.page.getByRole('dialog').getByLabel('Search people by name').fill('di');
    await ava.page.getByRole('button', { name: 'Add Di Fourth' }).click();
    await expect.poll(() => ava.page.locator('.member').count(), WAIT).toBe(4);
    await shot(ava.page, 'group-info');
    await ava.page.getByRole('button', { name: 'Close chat info' }).click();

    await send(ava.page, 'Who is bringing the tent?');
    await bo.page.getByRole('button', { name: 'Back to chats' }).click();
    await openChat(bo.page, 'Trip planning');
    await expect.poll(() => bubble(bo.page, 'Who is bringing the tent?').count(), WAIT).toBe(1);
    const info = await messageMenu(ava.page, 'Who is bringing the tent?');
    await info.getByRole('button', { name: 'Message info' }).click();
    await expect.poll(() => ava.page.getByTestId('read-by').innerText(), WAIT).toBe('Read by 1 of 3');
    await shot(ava.page, 'message-info');
    await ava.page.keyboard.press('Escape');

    // Group settings: admins-only sending reaches Bo's composer live; an invite link is made.
    await ava.page.getByRole('button', { name: 'Trip planning: chat info' }).click();
    await ava.page.getByLabel('Only admins can send messages').check();
    await expect.poll(() => bo.page.getByText('Only admins can send messages to this group.').count(), WAIT).toBe(1);
    await ava.page.getByRole('button', { name: 'Create invite link' }).click();
    await expect.poll(() => ava.page.getByTestId('invite-url').innerText(), WAIT).toMatch(/\/join\/[A-Za-z0-9_-]{8,}$/);
    await shot(ava.page, 'group-settings');
    await shot(bo.page, 'phone-admins-only');
    await ava.page.getByLabel('Only admins can send messages').uncheck();
    await expect.poll(() => bo.page.getByRole('textbox', { name: 'Message' }).count(), WAIT).toBe(1);
    await ava.page.getByRole('button', { name: 'Close chat info' }).click();
  });

  it('stops messages once blocked', { timeout: STEP_MS }, async () => {
    await bo.page.getByRole('button', { name: 'Back to chats' }).click();
    await openChat(bo.page, 'Ava Web');
    await bo.page.getByRole('button', { name: 'Ava Web: chat info' }).click();
    await bo.page.getByRole('button', { name: 'Block Ava Web' }).click();
    await expect.poll(() => bo.page.getByRole('button', { name: 'Unblock Ava Web' }).count(), WAIT).toBe(1);
    await bo.page.getByRole('button', { name: 'Close chat info' }).click();
    await expect.poll(() => bo.page.getByText('You blocked this contact.').count(), WAIT).toBe(1);

    await ava.page.getByRole('button', { name: 'Settings and profile' }).isVisible();
    await chatRow(ava.page, 'Bo Phone').locator('.chat-open').click();
    await send(ava.page, 'Can you still hear me?');
    await expect.poll(() => receiptOf(ava.page, 'Can you still hear me?'), WAIT).toBe('failed');
    await expect.poll(() => bubble(ava.page, 'Can you still hear me?').locator('.send-failure').innerText(), WAIT).toContain('not accepting messages from you');
    await shot(ava.page, 'blocked-not-sent');
    await shot(bo.page, 'phone-blocked');
    expect(await bubble(bo.page, 'Can you still hear me?').count()).toBe(0);
  });

  it('kept its Firestore listeners steady (no subscribe/unsubscribe churn)', () => {
    // The whole story opens a few dozen listeners per person; a render loop re-subscribing
    // would send thousands of targets (and starve the stream, as once happened with profiles).
    expect(ava.listens.count).toBeGreaterThan(0);
    expect(ava.listens.count).toBeLessThan(250);
    expect(bo.listens.count).toBeLessThan(250);
  });

  it('logged no errors in either browser beyond the refused send', () => {
    expect(unexpectedProblems([ava, bo], /permission|Missing or insufficient|ERR_INTERNET_DISCONNECTED|net::/)).toEqual([]);
  });
});
