import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, type Chat } from '@natter/model';
import { adminDb } from '../../tests/support/admin.ts';
import { InvalidInputError } from '../src/lib/firebase/functions.ts';
import { clearEverything, closeAll, webUser, type WebSession } from './support/sessions.ts';

let ana: WebSession;
let ben: WebSession;
let cai: WebSession;

beforeAll(async () => {
  await clearEverything();
  [ana, ben, cai] = await Promise.all([webUser('fn-ana', 'Ana Fn'), webUser('fn-ben', 'Ben Fn'), webUser('fn-cai', 'Cai Fn')]);
});
afterAll(async () => {
  await closeAll([ana, ben, cai]);
});

describe('callables from the web client', () => {
  it('rejects bad input in the browser, naming the field, before any request', async () => {
    await expect(ana.functions.createGroup({ name: '  ', memberIds: [] })).rejects.toThrow(InvalidInputError);
    await expect(ana.functions.createGroup({ name: '  ', memberIds: [] })).rejects.toThrow(/name/);
    const extra = { chatId: 'x', uids: [ben.uid], role: 'admin' } as unknown as { chatId: string; uids: string[] };
    await expect(ana.functions.addMembers(extra)).rejects.toThrow(/role/);
    await expect(ana.auth.requestEmailCode('not an email')).rejects.toThrow(InvalidInputError);
  });

  it('opens the same direct chat from either side', async () => {
    const a = await ana.functions.openDirectChat({ otherUid: ben.uid });
    const b = await ben.functions.openDirectChat({ otherUid: ana.uid });
    expect(a.chatId).toBe(b.chatId);
  });

  it('creates a group, adds a member, changes a role and settings, joins by invite until revoked, and leaves', async () => {
    const { chatId } = await ana.functions.createGroup({ name: 'Team', memberIds: [ben.uid] });
    await ana.functions.addMembers({ chatId, uids: [cai.uid] });
    await ana.functions.setMemberRole({ chatId, uid: ben.uid, role: 'admin' });
    await ana.functions.updateGroup({ chatId, settings: { onlyAdminsCanSend: true } });
    let chat = (await adminDb.doc(paths.chat(chatId)).get()).data() as Chat | undefined;
    expect(chat?.memberIds).toEqual(expect.arrayContaining([ana.uid, ben.uid, cai.uid]));
    expect(chat?.adminIds).toEqual(expect.arrayContaining([ana.uid, ben.uid]));
    expect(chat?.settings.onlyAdminsCanSend).toBe(true);

    // Admins-only: Cai (a member) is refused, Ben (an admin) is not.
    await expect(cai.messages.sendText(chatId, 'may I?').written).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(ben.messages.sendText(chatId, 'admins may').written).resolves.toBeUndefined();

    const invite = await ana.functions.createInviteLink({ chatId });
    expect(invite.url).toContain(`/join/${invite.code}`);
    const dan = await webUser('fn-dan', 'Dan Fn');
    await expect(dan.functions.joinByInvite({ code: invite.code })).resolves.toEqual({ chatId });
    await ana.functions.revokeInviteLink({ chatId });
    const eve = await webUser('fn-eve', 'Eve Fn');
    await expect(eve.functions.joinByInvite({ code: invite.code })).rejects.toMatchObject({ code: expect.stringMatching(/^functions\/(not-found|failed-precondition|permission-denied)$/) as unknown });
    await closeAll([dan, eve]);
    await cai.functions.leaveChat({ chatId });
    chat = (await adminDb.doc(paths.chat(chatId)).get()).data() as Chat | undefined;
    expect(chat?.memberIds).not.toContain(cai.uid);
    expect(chat?.memberIds).toContain('fn-dan');
    expect(chat?.memberIds).not.toContain('fn-eve');
  });
});
