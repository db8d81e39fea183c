/**
 * Media through the web client's storage module on the Storage emulator: an image uploaded with
 * progress under the message's folder, then sent as an image message. Offline machines cannot get
 * that emulator: there this suite prints `skipped: <reason>` and the app explains that files need
 * Storage.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { untilSummarised } from '../../tests/support/summaries.ts';
import { describeWhen, missingEmulator } from '../../tests/support/skip.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

/** The 67-byte transparent PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

describeWhen(missingEmulator('storage'), 'chat media on the Storage emulator', () => {
  let ana: WebSession;
  let ben: WebSession;
  let chatId: string;

  beforeAll(async () => {
    await clearEverything();
    ana = await webUser('st-ana', 'Ana Storage', { storage: true });
    ben = await webUser('st-ben', 'Ben Storage', { storage: true });
    chatId = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
  });
  afterAll(async () => {
    await closeAll([ana, ben]);
  });

  it('uploads an image with progress and sends it as an image message the other member can open', async () => {
    const messageId = ana.messages.newMessageId(chatId);
    const progress: number[] = [];
    const file = new File([PNG], 'dot.png', { type: 'image/png' });
    const { kind, media } = await ana.storage.uploadChatMedia(chatId, messageId, file, (fraction) => progress.push(fraction));
    expect(kind).toBe('image');
    expect(media).toEqual({ path: `chats/${chatId}/${messageId}/dot.png`, contentType: 'image/png', size: PNG.length, name: 'dot.png' });
    expect(progress.at(-1)).toBe(1);

    await ana.messages.send(chatId, { type: 'image', text: 'a dot', media }, messageId).written;
    const { message: stored } = await untilSummarised(chatId, messageId);
    expect(stored).toMatchObject({ type: 'image', media });
    await expect(ben.storage.mediaUrl(media.path)).resolves.toMatch(/^http/);
  });

  it('refuses a file whose type does not fit before uploading anything', async () => {
    const odd = new File([PNG], 'odd', { type: 'weird type' });
    await expect(ana.storage.uploadChatMedia(chatId, ana.messages.newMessageId(chatId), odd, () => undefined)).rejects.toThrow(/cannot be sent/);
  });
});
