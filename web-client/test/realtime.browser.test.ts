/**
 * Typing, online / last seen and media in headless Chromium, on the Realtime Database and Storage
 * emulators: two seeded demo users in their direct chat, each in their own browser context, seeing
 * the other type, come online, send a photo and leave, with no permission alert on either screen.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { crc32, deflateSync } from 'node:zlib';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { launchChromium, missingBrowser, serveWebClient } from '../../tests/support/browser.ts';
import { adminRtdb } from '../../tests/support/rtdb.ts';
import { describeWhen, missingEmulator } from '../../tests/support/skip.ts';
import { seedDemoData } from '../../scripts/lib/seed.ts';
import { bubble, openChat, openPerson, type Person, PHONE, shot, unexpectedProblems, WAIT } from './support/ui.ts';

const STEP_MS = 240_000;

/** A real PNG (a solid teal block), so the receiving browser has something to decode and show. */
const PHOTO = { width: 2, height: 2 };
function photoPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(PHOTO.width, 0);
  header.writeUInt32BE(PHOTO.height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  // Each row: filter byte 0, then RGB per pixel.
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(PHOTO.width * 3, Buffer.from([0, 128, 128]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: PHOTO.height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const missing = missingBrowser() ?? missingEmulator('database') ?? missingEmulator('storage');

describeWhen(missing, 'typing, presence and media in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveWebClient>>;
  let ana: Person;
  let ben: Person;
  const subtitle = (person: Person) => person.page.getByTestId('conversation-subtitle').innerText();
  const alerts = (person: Person) => person.page.locator('.alert').allInnerTexts();

  async function signInAs(name: string, viewport?: typeof PHONE): Promise<Person> {
    const person = await openPerson(browser, server.url, viewport);
    await person.page.getByRole('button', { name: `Sign in as ${name}` }).click();
    await person.page.getByRole('button', { name: 'New chat' }).waitFor();
    return person;
  }

  beforeAll(async () => {
    await Promise.all([clearFirestore(), clearAuth(), adminRtdb().ref().set(null)]);
    await seedDemoData(adminDb, adminAuth, { rtdb: adminRtdb() });
    server = await serveWebClient();
    browser = await launchChromium();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [name, person] of [['ana', ana], ['ben', ben]] as const) {
      if (!person || person.page.isClosed()) continue;
      await shot(person.page, `failed-realtime-${name}`);
      console.log(`${name} alerts at failure:`, await alerts(person));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the other person come online', { timeout: STEP_MS }, async () => {
    ana = await signInAs('Ana Alvarez');
    await openChat(ana.page, 'Ben Okafor');
    // Ben was seeded offline an hour ago.
    await expect.poll(() => subtitle(ana), WAIT).toMatch(/^last seen /);
    ben = await signInAs('Ben Okafor', PHONE);
    await expect.poll(() => subtitle(ana), WAIT).toBe('online');
    await shot(ana.page, 'presence-online');
  });

  it('shows "typing…" to the other member while someone types, and the message once sent', { timeout: STEP_MS }, async () => {
    await openChat(ben.page, 'Ana Alvarez');
    await ben.page.getByRole('textbox', { name: 'Message' }).fill('On my way');
    await expect.poll(() => subtitle(ana), WAIT).toBe('typing…');
    // The typist never sees themself typing.
    expect(await subtitle(ben)).not.toBe('typing…');
    await shot(ana.page, 'typing');
    await ben.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect.poll(() => bubble(ana.page, 'On my way').count(), WAIT).toBe(1);
    await expect.poll(() => subtitle(ana), WAIT).toBe('online');
  });

  it('sends a photo that the other side sees', { timeout: STEP_MS }, async () => {
    await ana.page.locator('input[type=file]').setInputFiles({ name: 'bike.png', mimeType: 'image/png', buffer: photoPng() });
    const image = ben.page.locator('img.media-image[alt="bike.png"]');
    await expect.poll(() => image.count(), WAIT).toBe(1);
    // Downloaded from the Storage emulator and decoded, not just a broken <img>.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT).toBe(PHOTO.width);
    await shot(ben.page, 'phone-media');
    await shot(ana.page, 'media');
  });

  it('shows "last seen" once the other person has gone', { timeout: STEP_MS }, async () => {
    expect(await alerts(ben)).toEqual([]);
    await ben.context.close();
    await expect.poll(() => subtitle(ana), WAIT).toMatch(/^last seen today at /);
    await shot(ana.page, 'presence-last-seen');
  });

  it('raised no alert (Ben was checked before leaving) and logged no error on either screen', async () => {
    expect(await alerts(ana)).toEqual([]);
    expect(unexpectedProblems([ana, ben])).toEqual([]);
  });
});
