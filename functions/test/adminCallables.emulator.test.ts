/**
 * The admin callables (`setUserRole`, `banUser`, `unbanUser`) through the Functions emulator with
 * client-SDK sessions: staff checks from the verified token's claims, strict input, the same
 * services as the REST API, and an audit entry for every call by a signed-in user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, paths } from '@natter/model';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { anonymousClient, type ClientSession } from '../../tests/support/clients.ts';
import { apiFetch, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { seedUser } from '../../tests/support/natterData.ts';

let admin: SignedIn;
let moderator: SignedIn;
let user: SignedIn;
const extra: ClientSession[] = [];

/** The callable's error code (`functions/...`) and details, or 'ok'. */
async function outcome(promise: Promise<unknown>): Promise<{ code: string; details?: unknown; message?: string }> {
  try {
    await promise;
    return { code: 'ok' };
  } catch (error) {
    const { code, details, message } = error as { code?: string; details?: unknown; message?: string };
    return { code: String(code), details, message };
  }
}

async function auditFor(targetId: string, action: string) {
  const snap = await adminDb.collection('auditLog').where('targetId', '==', targetId).where('action', '==', action).get();
  return snap.docs.map((doc) => auditEntrySchema.parse(doc.data()));
}

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  [admin, moderator, user] = await Promise.all([tokenFor('c-admin', 'admin'), tokenFor('c-moderator', 'moderator'), tokenFor('c-user')]);
  await Promise.all(['c-target', 'c-promote', 'c-demote', 'c-banned'].map((uid) => seedUser(uid)));
});

afterAll(async () => {
  await Promise.all([admin, moderator, user].map((s) => s.session.close()));
  await Promise.all(extra.map((s) => s.close()));
});

describe('setUserRole', () => {
  it('lets an admin grant a role, keeping other claims, and audits it', async () => {
    await adminAuth.setCustomUserClaims('c-promote', { beta: true });
    expect(await outcome(admin.session.call('setUserRole', { uid: 'c-promote', role: 'moderator' }))).toEqual({ code: 'ok' });
    expect((await adminAuth.getUser('c-promote')).customClaims).toEqual({ beta: true, role: 'moderator' });
    const [entry] = await auditFor('c-promote', 'user.setRole');
    expect(entry).toMatchObject({ actorUid: 'c-admin', actorRole: 'admin', via: 'callable', outcome: 'success', status: 200, details: { role: 'moderator' } });
  });

  it('demotes with `user`, and the demoted token stops working on the API at once', async () => {
    const demoted = await tokenFor('c-demote', 'admin');
    extra.push(demoted.session);
    expect((await apiFetch('GET', '/v1/audit?limit=1', { token: demoted.token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await outcome(admin.session.call('setUserRole', { uid: 'c-demote', role: 'user' }))).toEqual({ code: 'ok' });
    expect((await adminAuth.getUser('c-demote')).customClaims).toEqual({});
    expect((await apiFetch('GET', '/v1/audit?limit=1', { token: demoted.token })).status).toBe(401);
  });

  it('is refused to moderators, users and signed-out callers, and audited when a user tried', async () => {
    expect((await outcome(moderator.session.call('setUserRole', { uid: 'c-target', role: 'admin' }))).code).toBe('functions/permission-denied');
    expect((await outcome(user.session.call('setUserRole', { uid: 'c-user', role: 'admin' }))).code).toBe('functions/permission-denied');
    const signedOut = anonymousClient();
    extra.push(signedOut);
    expect((await outcome(signedOut.call('setUserRole', { uid: 'c-target', role: 'admin' }))).code).toBe('functions/unauthenticated');
    expect((await adminAuth.getUser('c-user')).customClaims?.role).toBeUndefined();
    const attempts = await auditFor('c-user', 'user.setRole');
    expect(attempts).toEqual([expect.objectContaining({ actorUid: 'c-user', outcome: 'failure', status: 403 })]);
  });

  it('rejects bad input naming the field, unknown users and changing one\'s own role', async () => {
    const extraKey = await outcome(admin.session.call('setUserRole', { uid: 'c-target', role: 'admin', force: true }));
    expect(extraKey.code).toBe('functions/invalid-argument');
    expect(extraKey.message).toMatch(/force/);
    const badRole = await outcome(admin.session.call('setUserRole', { uid: 'c-target', role: 'owner' }));
    expect(badRole.code).toBe('functions/invalid-argument');
    expect(badRole.message).toMatch(/role/);
    expect((await outcome(admin.session.call('setUserRole', { uid: 'nobody-here', role: 'admin' }))).code).toBe('functions/not-found');
    expect((await outcome(admin.session.call('setUserRole', { uid: 'c-admin', role: 'user' }))).code).toBe('functions/permission-denied');
  });
});

describe('banUser and unbanUser', () => {
  it('bans and unbans through the same service as the REST API', async () => {
    expect(await outcome(moderator.session.call('banUser', { uid: 'c-banned', reason: 'spam' }))).toEqual({ code: 'ok' });
    expect((await adminDb.doc(paths.ban('c-banned')).get()).data()).toMatchObject({ reason: 'spam', bannedBy: 'c-moderator', until: null });
    expect((await adminAuth.getUser('c-banned')).disabled).toBe(true);
    expect(await outcome(moderator.session.call('unbanUser', { uid: 'c-banned' }))).toEqual({ code: 'ok' });
    expect((await adminDb.doc(paths.ban('c-banned')).get()).exists).toBe(false);
    expect((await adminAuth.getUser('c-banned')).disabled).toBe(false);
    const bans = await auditFor('c-banned', 'user.ban');
    expect(bans).toEqual([expect.objectContaining({ via: 'callable', outcome: 'success', details: { reason: 'spam', until: null } })]);
  });

  it('refuses plain users and bad input', async () => {
    expect((await outcome(user.session.call('banUser', { uid: 'c-target', reason: 'x' }))).code).toBe('functions/permission-denied');
    const noReason = await outcome(moderator.session.call('banUser', { uid: 'c-target' }));
    expect(noReason.code).toBe('functions/invalid-argument');
    expect(noReason.message).toMatch(/reason/);
    const past = await outcome(moderator.session.call('banUser', { uid: 'c-target', reason: 'x', until: '2001-01-01T00:00:00Z' }));
    expect(past).toMatchObject({ code: 'functions/invalid-argument', details: { field: 'until' } });
    expect((await adminDb.doc(paths.ban('c-target')).get()).exists).toBe(false);
  });

  it('refuses a staff token that was revoked', async () => {
    const revoked = await tokenFor('c-revoked-mod', 'moderator');
    extra.push(revoked.session);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await adminAuth.revokeRefreshTokens('c-revoked-mod');
    expect((await outcome(revoked.session.call('banUser', { uid: 'c-target', reason: 'x' }))).code).toBe('functions/unauthenticated');
    expect((await adminDb.doc(paths.ban('c-target')).get()).exists).toBe(false);
  });
});
