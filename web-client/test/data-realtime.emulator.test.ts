/**
 * Presence, the chat on screen and typing through the web client's database module, on the Realtime Database emulator
 * (with the membership mirror the chat callables keep there). Offline machines cannot get that
 * emulator: there this suite prints `skipped: <reason>` and the app shows a notice instead.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { get, ref } from 'firebase/database';
import { rtdbPaths, type Status } from '@natter/model';
import { eventually } from '../../tests/support/admin.ts';
import { describeWhen, missingEmulator } from '../../tests/support/skip.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

describeWhen(missingEmulator('database'), 'presence and typing on the Realtime Database emulator', () => {
  let ana: WebSession;
  let ben: WebSession;
  let chatId: string;
  const stops: (() => void)[] = [];
  const errors: Error[] = [];
  const onError = (error: Error) => errors.push(error);

  beforeAll(async () => {
    await clearEverything();
    ana = await webUser('rt-ana', 'Ana Realtime', { database: true });
    ben = await webUser('rt-ben', 'Ben Realtime', { database: true });
    chatId = (await ana.functions.openDirectChat({ otherUid: ben.uid })).chatId;
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });
  afterAll(async () => {
    await closeAll([ana, ben]);
  });

  it('is available once the app has a database', () => {
    expect(ana.database.available).toBe(true);
  });

  it('shows a connected user online to others, and offline once they leave', async () => {
    let seen: Status | null = null;
    stops.push(ben.database.watchStatus(ana.uid, (status) => { seen = status; }, onError));
    const stopPresence = ana.database.startPresence(ana.uid, onError);
    await eventually(() => Promise.resolve(seen?.state === 'online' ? true : undefined));
    stopPresence();
    await eventually(() => Promise.resolve(seen?.state === 'offline' ? true : undefined));
    expect(errors).toEqual([]);
  });

  it('shows who is typing to the other member, never to the typist, until they stop', async () => {
    let benSees: string[] = [];
    let anaSees: string[] = ['not yet'];
    stops.push(ben.database.watchTyping(chatId, ben.uid, (uids) => { benSees = uids; }, onError));
    stops.push(ana.database.watchTyping(chatId, ana.uid, (uids) => { anaSees = uids; }, onError));
    ana.database.typing(chatId, ana.uid, onError);
    await eventually(() => Promise.resolve(benSees.includes(ana.uid) ? true : undefined));
    expect(anaSees).toEqual([]);
    ana.database.stopTyping(chatId, ana.uid, onError);
    await eventually(() => Promise.resolve(benSees.length === 0 ? true : undefined));
    expect(errors).toEqual([]);
  });

  it("publishes the chat on screen to its owner only, and clears it when the chat closes", async () => {
    const own = () => get(ref(ana.services.database!, rtdbPaths.viewing(ana.uid))).then((snap) => snap.val() as { chatId?: string } | null);
    const stop = ana.database.viewChat(chatId, ana.uid, onError);
    await eventually(async () => ((await own())?.chatId === chatId ? true : undefined));
    // Ben may not learn which chat Ana reads; reading his own entry is fine.
    await expect(get(ref(ben.services.database!, rtdbPaths.viewing(ana.uid)))).rejects.toThrow(/permission/i);
    await expect(get(ref(ben.services.database!, rtdbPaths.viewing(ben.uid)))).resolves.toBeDefined();
    stop();
    await eventually(async () => ((await own()) === null ? true : undefined));
    expect(errors).toEqual([]);
  });
});
