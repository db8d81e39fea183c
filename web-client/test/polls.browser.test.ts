/**
 * A poll in headless Chromium: Ana starts one in the seeded "Weekend plans" group, Ben votes, Ana
 * sees the count and who voted live, Ben changes and then retracts his vote, and Ana deletes the
 * poll for everyone. Two browser contexts on the real backend (emulators, rules on).
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_GROUP_ID, DEMO_GROUP_NAME } from '@natter/model/demo';
import { paths } from '@natter/model';
import { adminAuth, adminDb, clearAuth, clearFirestore, eventually } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { adminRtdbWhereRunning } from '../../tests/support/rtdb.ts';
import { describeWhen } from '../../tests/support/skip.ts';
import { seedDemoData } from '../../scripts/lib/seed.ts';
import { WAIT, openChat, openPerson, shot, unexpectedProblems, type Person } from './support/ui.ts';

const STEP_MS = 240_000;

describeWhen(missingBrowser(), 'polls in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let ana: Person;
  let ben: Person;
  const poll = (page: Page) => page.getByRole('group', { name: 'Poll: Where do we meet?' });
  const option = (page: Page, name: string) => poll(page).getByRole('radio', { name: new RegExp(`^${name}: `) });

  async function signInAs(name: string): Promise<Person> {
    const person = await openPerson(browser, server.url);
    await person.page.getByRole('button', { name: `Sign in as ${name}` }).click();
    await person.page.getByRole('button', { name: 'New chat' }).waitFor();
    return person;
  }

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    await seedDemoData(adminDb, adminAuth, { rtdb: adminRtdbWhereRunning() });
    server = await serveWebClient();
    browser = await launchChromium();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [name, person] of [['ana', ana], ['ben', ben]] as const) if (person) await shot(person.page, `failed-polls-${name}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is started by one member and voted on by another, with live counts and voters', { timeout: STEP_MS }, async () => {
    ana = await signInAs('Ana Alvarez');
    ben = await signInAs('Ben Okafor');
    await openChat(ana.page, DEMO_GROUP_NAME);
    await openChat(ben.page, DEMO_GROUP_NAME);

    await ana.page.getByRole('button', { name: 'Create a poll' }).click();
    await ana.page.getByLabel('Question').fill('Where do we meet?');
    await ana.page.getByLabel('Option 1').fill('Station');
    await ana.page.getByLabel('Option 2').fill('Café');
    await ana.page.getByLabel('Option 3').fill('Park');
    await ana.page.getByRole('button', { name: 'Send poll' }).click();
    await poll(ben.page).waitFor(WAIT);
    await shot(ben.page, 'poll-received');

    await option(ben.page, 'Café').click();
    await expect.poll(() => option(ana.page, 'Café').getAttribute('aria-label'), WAIT).toBe('Café: 1 vote');
    await expect.poll(() => option(ben.page, 'Café').getAttribute('aria-checked'), WAIT).toBe('true');
    await poll(ana.page).getByRole('button', { name: 'Who voted' }).click();
    await expect.poll(() => poll(ana.page).getByRole('list', { name: 'Voted for Café' }).innerText(), WAIT).toBe('Ben Okafor');
    await shot(ana.page, 'poll-voted');

    // Ben changes his mind (one vote, moved), then retracts it.
    await option(ben.page, 'Park').click();
    await expect.poll(() => option(ana.page, 'Park').getAttribute('aria-label'), WAIT).toBe('Park: 1 vote');
    await expect.poll(() => option(ana.page, 'Café').getAttribute('aria-label'), WAIT).toBe('Café: 0 votes');
    await poll(ben.page).getByRole('button', { name: 'Retract my vote' }).click();
    await expect.poll(() => option(ana.page, 'Park').getAttribute('aria-label'), WAIT).toBe('Park: 0 votes');
    expect(unexpectedProblems([ana, ben])).toEqual([]);
  });

  it('disappears for everyone, votes included, when its sender deletes it', { timeout: STEP_MS }, async () => {
    await option(ben.page, 'Station').click();
    const pollId = await poll(ana.page).evaluate((el) => el.closest('[data-message-id]')?.getAttribute('data-message-id') ?? '');
    expect(pollId).not.toBe('');
    await eventually(async () => ((await adminDb.collection(paths.pollVotes(DEMO_GROUP_ID, pollId)).count().get()).data().count === 1 ? true : undefined));

    const row = ana.page.locator(`[data-message-id="${pollId}"]`);
    await row.getByRole('button', { name: 'Message options' }).click();
    await ana.page.getByRole('button', { name: 'Delete for everyone' }).click();
    await ana.page.getByRole('dialog', { name: 'Delete for everyone?' }).getByRole('button', { name: 'Delete for everyone' }).click();
    await ben.page.locator(`[data-message-id="${pollId}"]`).getByText('This message was deleted').waitFor(WAIT);
    await expect.poll(() => poll(ben.page).count(), WAIT).toBe(0);
    await eventually(async () => ((await adminDb.collection(paths.pollVotes(DEMO_GROUP_ID, pollId)).count().get()).data().count === 0 ? true : undefined));
    expect(unexpectedProblems([ana, ben])).toEqual([]);
  });
});
