/**
 * Against the Realtime Database emulator, wherever it runs (it cannot be downloaded on the
 * offline machines, where this suite prints its skip reason): the deployed presence trigger fires
 * on a real `/status/{uid}` write, the membership callables write the real `/chatMembers` mirror,
 * and the push worker's presence reader sees who has which chat open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from 'firebase-admin/database';
import { directChatId, rtdbPaths } from '@natter/model';
import { docWhen, seedUsers } from './support/messaging.ts';
import { clearFirestore } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { adminRtdb } from '../../tests/support/rtdb.ts';
import { describeWhen, missingEmulator } from '../../tests/support/skip.ts';
import { rtdbPresence } from '../src/notifications/presence.ts';

describeWhen(missingEmulator('database'), 'presence and the /chatMembers mirror on the Realtime Database emulator', () => {
  let rtdb: Database;
  let ana: ClientSession;

  beforeAll(async () => {
    await clearFirestore();
    await seedUsers(['rt-ana', 'rt-ben', 'rt-cai']);
    rtdb = adminRtdb();
    await rtdb.ref().set(null);
    ana = await signedInClient('rt-ana');
  });

  afterAll(async () => {
    await ana.close();
  });

  it('mirrors a /status write into the profile', async () => {
    await rtdb.ref(rtdbPaths.status('rt-ben')).set({ state: 'online', lastChanged: Date.now() });
    await docWhen('users/rt-ben', (data) => data.online === true);
    await rtdb.ref(rtdbPaths.status('rt-ben')).set({ state: 'offline', lastChanged: Date.now() });
    await docWhen('users/rt-ben', (data) => data.online === false && data.lastSeenAt !== null);
  });

  it('keeps /chatMembers in step with membership callables', async () => {
    const { chatId: direct } = await ana.call<{ chatId: string }>('openDirectChat', { otherUid: 'rt-ben' });
    expect(direct).toBe(directChatId('rt-ana', 'rt-ben'));
    expect((await rtdb.ref(rtdbPaths.chatMembers(direct)).get()).val()).toEqual({ 'rt-ana': true, 'rt-ben': true });

    const { chatId } = await ana.call<{ chatId: string }>('createGroup', { name: 'Mirror', memberIds: ['rt-ben'] });
    await ana.call('addMembers', { chatId, uids: ['rt-cai'] });
    await ana.call('removeMember', { chatId, uid: 'rt-ben' });
    expect((await rtdb.ref(rtdbPaths.chatMembers(chatId)).get()).val()).toEqual({ 'rt-ana': true, 'rt-cai': true });
  });

  it('tells the push worker who is online and who has this very chat open', async () => {
    const now = Date.now();
    await rtdb.ref().update({
      [rtdbPaths.status('rt-ben')]: { state: 'online', lastChanged: now },
      [rtdbPaths.status('rt-cai')]: { state: 'online', lastChanged: now },
      [rtdbPaths.viewing('rt-ben')]: { chatId: 'chat-open', since: now },
      [rtdbPaths.viewing('rt-cai')]: { chatId: 'another-chat', since: now },
    });
    const presence = rtdbPresence();
    expect(presence).not.toBeNull();
    expect(await presence!.online(['rt-ben', 'rt-cai', 'rt-ana'])).toEqual(new Set(['rt-ben', 'rt-cai']));
    expect(await presence!.viewing('chat-open', ['rt-ben', 'rt-cai', 'rt-ana'])).toEqual(new Set(['rt-ben']));
    await rtdb.ref(rtdbPaths.viewing('rt-ben')).remove();
    expect(await presence!.viewing('chat-open', ['rt-ben', 'rt-cai', 'rt-ana'])).toEqual(new Set());
  });
});
