/**
 * Users through the admin API on the Functions emulator: search and pagination, one user's
 * detail, bans that the rules enforce on the very next write (with a token issued before the
 * ban), unban, data-subject export and complete deletion, and the audit trail they leave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doc, serverTimestamp, setDoc } from 'firebase/firestore';
import { signInWithCustomToken } from 'firebase/auth';
import {
  auditListSchema,
  banResultSchema,
  paths,
  problemSchema,
  unbanResultSchema,
  userDetailSchema,
  userExportSchema,
  userListSchema,
  type UserExport,
} from '@natter/model';
import { Timestamp } from 'firebase-admin/firestore';
import { handleLiftExpiredBans } from '../src/admin/liftExpiredBans.ts';
import type { AdminDeps } from '../src/admin/deps.ts';
import { adminAuth, adminDb, clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { anonymousClient, type ClientSession } from '../../tests/support/clients.ts';
import { apiFetch, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { seedChat, seedUser } from '../../tests/support/natterData.ts';

let admin: SignedIn;
let moderator: SignedIn;
const sessions: ClientSession[] = [];

function sendMessage(session: ClientSession, chatId: string, messageId: string, text: string): Promise<void> {
  return setDoc(doc(session.db, paths.message(chatId, messageId)), { senderId: session.uid, type: 'text', text, createdAt: serverTimestamp() });
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
}

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  admin = await tokenFor('u-admin', 'admin');
  moderator = await tokenFor('u-moderator', 'moderator');
  sessions.push(admin.session, moderator.session);
});

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
});

describe('searching users', () => {
  beforeAll(async () => {
    await Promise.all([
      seedUser('s-ana', { displayName: 'Ana Alvarez', devices: 3 }),
      seedUser('s-anabel', { displayName: 'anabel Ortiz' }),
      seedUser('s-anton', { displayName: 'Anton Berg' }),
      seedUser('s-ben', { displayName: 'Ben Okafor' }),
    ]);
    await seedChat('s-chat-1', ['s-ana', 's-ben']);
    await seedChat('s-chat-2', ['s-ana', 's-ben', 's-anton']);
  });

  it('finds display-name prefixes case-insensitively, a page at a time', async () => {
    const first = userListSchema.parse((await apiFetch('GET', '/v1/users?name=ANA&limit=1', { token: moderator.token })).json);
    expect(first.users.map((u) => u.uid)).toEqual(['s-ana']);
    expect(first.nextCursor).not.toBeNull();
    const second = userListSchema.parse((await apiFetch('GET', `/v1/users?name=ANA&limit=1&cursor=${first.nextCursor}`, { token: moderator.token })).json);
    expect(second.users.map((u) => u.uid)).toEqual(['s-anabel']);
    expect(second.nextCursor).toBeNull();
    expect(second.users[0]).toMatchObject({ displayName: 'anabel Ortiz', email: 's-anabel@natter.test', role: null, disabled: false, banned: false, hasProfile: true });
  });

  it('walks every user in pages without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = userListSchema.parse((await apiFetch('GET', `/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.token })).json);
      seen.push(...page.users.map((u) => u.uid));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['s-ana', 's-anabel', 's-anton', 's-ben']));
  });

  it('finds by exact email and uid, and finds nothing for strangers', async () => {
    const byEmail = userListSchema.parse((await apiFetch('GET', '/v1/users?email=S-Anton@natter.test', { token: admin.token })).json);
    expect(byEmail.users.map((u) => u.uid)).toEqual(['s-anton']);
    const byUid = userListSchema.parse((await apiFetch('GET', '/v1/users?uid=s-ben', { token: admin.token })).json);
    expect(byUid.users.map((u) => u.displayName)).toEqual(['Ben Okafor']);
    const nobody = userListSchema.parse((await apiFetch('GET', '/v1/users?email=nobody@natter.test', { token: admin.token })).json);
    expect(nobody.users).toEqual([]);
  });

  it('refuses two searches at once and a cursor from another search, naming the field', async () => {
    const both = problemSchema.parse((await apiFetch('GET', '/v1/users?email=a@b.co&uid=x', { token: admin.token })).json);
    expect(both.errors.map((e) => e.field)).toEqual(['query.uid']);
    const page = userListSchema.parse((await apiFetch('GET', '/v1/users?name=an&limit=1', { token: admin.token })).json);
    const mixed = await apiFetch('GET', `/v1/users?limit=1&cursor=${page.nextCursor}`, { token: admin.token });
    expect(mixed.status).toBe(400);
    expect(problemSchema.parse(mixed.json).errors).toEqual([{ field: 'query.cursor', message: 'belongs to a different search' }]);
  });

  it('shows one user with counts from count() aggregations and the ban state', async () => {
    const response = await apiFetch('GET', '/v1/users/s-ana', { token: moderator.token });
    expect(response.status).toBe(200);
    const detail = userDetailSchema.parse(response.json);
    expect(detail.counts).toEqual({ chats: 2, devices: 3 });
    expect(detail.ban).toBeNull();
    expect(detail.auth).toMatchObject({ email: 's-ana@natter.test', disabled: false, role: null });
    expect(detail.profile).toMatchObject({ displayName: 'Ana Alvarez' });
    expect(detail.account).toMatchObject({ email: 's-ana@natter.test' });
    const missing = await apiFetch('GET', '/v1/users/nobody-here', { token: moderator.token });
    expect(missing.status).toBe(404);
  });
});

describe('bans', () => {
  let victim: ClientSession;

  beforeAll(async () => {
    await seedUser('b-victim');
    await seedUser('b-friend');
    await seedChat('b-chat', ['b-victim', 'b-friend']);
    victim = anonymousClient();
    sessions.push(victim);
    await signInWithCustomToken(victim.auth, await adminAuth.createCustomToken('b-victim'));
    victim = { ...victim, uid: 'b-victim' };
  });

  it('denies the banned user\'s very next write within the same second, with the token issued before the ban', async () => {
    // Positive control: the same client, same token, writes before the ban.
    await sendMessage(victim, 'b-chat', 'before-ban', 'hello');
    const tokenBefore = await victim.auth.currentUser?.getIdToken();
    const issuedAt = (await victim.auth.currentUser?.getIdTokenResult())?.issuedAtTime;

    const response = await apiFetch('POST', '/v1/users/b-victim/ban', { token: moderator.token, body: { reason: 'spam' } });
    const bannedAt = Date.now();
    expect(response.status).toBe(200);
    expect(banResultSchema.parse(response.json)).toEqual({ uid: 'b-victim', banned: true, until: null });

    const code = await errorCode(sendMessage(victim, 'b-chat', 'after-ban', 'still here?'));
    const deniedWithinMs = Date.now() - bannedAt;
    expect(code).toBe('permission-denied');
    expect(deniedWithinMs).toBeLessThan(1000);
    expect(await victim.auth.currentUser?.getIdToken()).toBe(tokenBefore);
    expect(Date.parse(issuedAt ?? '')).toBeLessThan(bannedAt);
    console.log(`ban: next write denied ${deniedWithinMs} ms after the ban response`);
  });

  it('disables the account and revokes its refresh tokens', async () => {
    const user = await adminAuth.getUser('b-victim');
    expect(user.disabled).toBe(true);
    expect(Date.parse(user.tokensValidAfterTime ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const ban = (await adminDb.doc(paths.ban('b-victim')).get()).data();
    expect(ban).toMatchObject({ reason: 'spam', bannedBy: 'u-moderator', until: null });
    expect(await errorCode(signInWithCustomToken(anonymousClient().auth, await adminAuth.createCustomToken('b-victim')))).toBe('auth/user-disabled');
    const detail = userDetailSchema.parse((await apiFetch('GET', '/v1/users/b-victim', { token: admin.token })).json);
    expect(detail.ban).toMatchObject({ reason: 'spam', active: true });
  });

  it('unban restores writing (same old token) and signing in', async () => {
    const response = await apiFetch('POST', '/v1/users/b-victim/unban', { token: moderator.token });
    expect(response.status).toBe(200);
    expect(unbanResultSchema.parse(response.json)).toEqual({ uid: 'b-victim', banned: false, wasBanned: true });
    expect(await errorCode(sendMessage(victim, 'b-chat', 'after-unban', 'back'))).toBe('ok');
    expect((await adminAuth.getUser('b-victim')).disabled).toBe(false);
    const fresh = anonymousClient();
    sessions.push(fresh);
    expect(await errorCode(signInWithCustomToken(fresh.auth, await adminAuth.createCustomToken('b-victim')))).toBe('ok');
    const again = unbanResultSchema.parse((await apiFetch('POST', '/v1/users/b-victim/unban', { token: moderator.token, body: {} })).json);
    expect(again.wasBanned).toBe(false);
  });

  it('takes a future `until`, and refuses one in the past naming body.until', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ok = banResultSchema.parse((await apiFetch('POST', '/v1/users/b-friend/ban', { token: admin.token, body: { reason: 'cool off', until } })).json);
    expect(Date.parse(ok.until ?? '')).toBe(Date.parse(until));
    const past = await apiFetch('POST', '/v1/users/b-friend/ban', { token: admin.token, body: { reason: 'x', until: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(problemSchema.parse(past.json).errors).toEqual([{ field: 'body.until', message: 'must be in the future' }]);
    await apiFetch('POST', '/v1/users/b-friend/unban', { token: admin.token });
  });

  it('lifts bans whose `until` has passed (the scheduled sweep), and leaves the others', async () => {
    await Promise.all([seedUser('b-expired'), seedUser('b-current')]);
    const ban = (untilMs: number) => ({ reason: 'temp', bannedBy: 'u-admin', createdAt: Timestamp.now(), until: Timestamp.fromMillis(untilMs) });
    await adminDb.doc(paths.ban('b-expired')).set(ban(Date.now() - 1000));
    await adminDb.doc(paths.ban('b-current')).set(ban(Date.now() + 3_600_000));
    await Promise.all(['b-expired', 'b-current'].map((uid) => adminAuth.updateUser(uid, { disabled: true })));
    const deps: AdminDeps = {
      db: adminDb,
      auth: adminAuth,
      rateLimiter: { consume: () => Promise.resolve({ allowed: true, retryAfterSeconds: 0 }) },
      deleteUserCompletely: () => Promise.reject(new Error('not used')),
      media: { deletePrefix: () => Promise.resolve(0) },
      now: () => Date.now(),
    };
    await handleLiftExpiredBans(deps);
    expect((await adminDb.doc(paths.ban('b-expired')).get()).exists).toBe(false);
    expect((await adminAuth.getUser('b-expired')).disabled).toBe(false);
    expect((await adminDb.doc(paths.ban('b-current')).get()).exists).toBe(true);
    expect((await adminAuth.getUser('b-current')).disabled).toBe(true);
    const audit = await adminDb.collection('auditLog').where('targetId', '==', 'b-expired').get();
    expect(audit.docs.map((d) => d.data())).toEqual([expect.objectContaining({ via: 'schedule', action: 'user.unban', actorUid: null, outcome: 'success' })]);
  });

  it('lets only admins ban staff, nobody ban themselves, and 404s unknown users', async () => {
    expect((await apiFetch('POST', '/v1/users/u-admin/ban', { token: moderator.token, body: { reason: 'x' } })).status).toBe(403);
    expect((await apiFetch('POST', '/v1/users/u-moderator/ban', { token: moderator.token, body: { reason: 'x' } })).status).toBe(403);
    expect((await apiFetch('POST', '/v1/users/nobody-here/ban', { token: moderator.token, body: { reason: 'x' } })).status).toBe(404);
    // Positive control: an admin may ban a moderator, whose API access then ends at once.
    await seedUser('b-rogue-mod', { role: 'moderator' });
    const rogue = await tokenFor('b-rogue-mod', 'moderator');
    sessions.push(rogue.session);
    expect((await apiFetch('GET', '/v1/reports', { token: rogue.token })).status).toBe(200);
    expect((await apiFetch('POST', '/v1/users/b-rogue-mod/ban', { token: admin.token, body: { reason: 'abuse' } })).status).toBe(200);
    expect((await apiFetch('GET', '/v1/reports', { token: rogue.token })).status).toBe(401);
  });
});

describe('export and delete', () => {
  beforeAll(async () => {
    await seedUser('d-subject', { displayName: 'Dana Subject', devices: 2, blocked: ['d-other'] });
    await seedUser('d-other');
    await seedChat('d-direct', ['d-subject', 'd-other'], { messages: [['d-subject', 'secret one'], ['d-other', 'reply'], ['d-subject', 'secret two']] });
    await seedChat('d-group', ['d-other', 'd-subject', 'u-admin'], { messages: [['d-subject', 'secret three']] });
    await adminDb.doc(paths.readState('d-subject', 'd-group')).set({ readSeq: 1, updatedAt: new Date() });
  });

  it('exports profile, account, devices, blocks, memberships and every message sent, paged', async () => {
    const first = await apiFetch('GET', '/v1/users/d-subject/export?limit=2', { token: admin.token });
    expect(first.status).toBe(200);
    const page1 = userExportSchema.parse(first.json);
    expect(page1.profile).toMatchObject({ displayName: 'Dana Subject' });
    expect(page1.account).toMatchObject({ email: 'd-subject@natter.test' });
    expect(page1.auth).toMatchObject({ email: 'd-subject@natter.test' });
    expect(page1.devices).toHaveLength(2);
    expect(page1.blocked).toEqual([expect.objectContaining({ uid: 'd-other' })]);
    expect(page1.readStates).toEqual([expect.objectContaining({ chatId: 'd-group', readSeq: 1 })]);
    expect(page1.memberships?.map((m) => m.chatId).sort()).toEqual(['d-direct', 'd-group']);
    expect(page1.memberships?.every((m) => typeof m.member === 'object' && m.member !== null)).toBe(true);
    expect(page1.messages).toHaveLength(2);
    expect(page1.truncated).toEqual([]);
    const messages: UserExport['messages'] = [...page1.messages];
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = userExportSchema.parse((await apiFetch('GET', `/v1/users/d-subject/export?limit=2&cursor=${cursor}`, { token: admin.token })).json);
      expect(next.profile).toBeUndefined();
      messages.push(...next.messages);
      cursor = next.nextCursor;
    }
    expect(messages.map((m) => m.text).sort()).toEqual(['secret one', 'secret three', 'secret two']);
  });

  it('deletes completely: afterwards nothing personal remains', async () => {
    const response = await apiFetch('DELETE', '/v1/users/d-subject', { token: admin.token });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ uid: 'd-subject', deleted: true });

    expect(await adminAuth.getUser('d-subject').then(() => 'exists', () => 'gone')).toBe('gone');
    const profile = (await adminDb.doc(paths.user('d-subject')).get()).data();
    // Either no profile at all or a tombstone without the person in it.
    if (profile) expect(profile).toMatchObject({ deleted: true, about: '', photoURL: null });
    if (profile) expect(profile.displayName).not.toBe('Dana Subject');
    expect((await adminDb.doc(paths.account('d-subject')).get()).exists).toBe(false);
    for (const sub of ['devices', 'blocked', 'readStates', 'private']) {
      expect((await adminDb.collection(`${paths.user('d-subject')}/${sub}`).count().get()).data().count, sub).toBe(0);
    }
    expect((await adminDb.collection('chats').where('memberIds', 'array-contains', 'd-subject').get()).size).toBe(0);
    expect((await adminDb.doc(paths.member('d-group', 'd-subject')).get()).exists).toBe(false);
    const sent = await adminDb.collectionGroup('messages').where('senderId', '==', 'd-subject').get();
    // As in WhatsApp, what they wrote stays in other people's chats under the "Deleted account"
    // tombstone (the auth lifecycle's deletion); their media is gone.
    expect(sent.size).toBeGreaterThan(0);
    expect(sent.docs.filter((d) => d.get('media')).map((d) => d.ref.path)).toEqual([]);
    // Other people's content stays.
    expect((await adminDb.doc(paths.message('d-direct', 'm2')).get()).get('text')).toBe('reply');

    expect((await apiFetch('GET', '/v1/users/d-subject/export', { token: admin.token })).status).toBe(404);
    expect((await apiFetch('DELETE', '/v1/users/d-subject', { token: admin.token })).status).toBe(404);
  });

  it('refuses deletion to moderators and staff deleting themselves', async () => {
    expect((await apiFetch('DELETE', '/v1/users/d-other', { token: moderator.token })).status).toBe(403);
    expect((await apiFetch('DELETE', '/v1/users/u-admin', { token: admin.token })).status).toBe(403);
    expect((await adminAuth.getUser('d-other')).uid).toBe('d-other');
  });
});

describe('the audit trail', () => {
  it('records who did what to whom, when and how it ended, failures included', async () => {
    const log = auditListSchema.parse((await apiFetch('GET', '/v1/audit?limit=100', { token: admin.token })).json);
    const ban = log.entries.find((e) => e.action === 'user.ban' && e.targetId === 'b-victim' && e.outcome === 'success');
    expect(ban).toMatchObject({ actorUid: 'u-moderator', actorRole: 'moderator', via: 'api', targetType: 'user', status: 200, details: { reason: 'spam' } });
    expect(Date.parse(ban?.at ?? '')).toBeGreaterThan(Date.now() - 600_000);
    expect(log.entries.find((e) => e.action === 'user.delete' && e.targetId === 'd-subject' && e.status === 200)).toMatchObject({ actorUid: 'u-admin' });
    expect(log.entries.find((e) => e.action === 'user.delete' && e.targetId === 'd-subject' && e.status === 404)).toMatchObject({ outcome: 'failure', status: 404 });
    expect(log.entries.find((e) => e.action === 'user.delete' && e.targetId === 'd-subject' && e.status === 404)?.error).toMatch(/No user/);
    expect(log.entries.find((e) => e.action === 'user.delete' && e.actorUid === 'u-moderator')).toMatchObject({ outcome: 'failure', status: 403 });
    expect(log.entries.find((e) => e.action === 'user.export' && e.targetId === 'd-subject' && e.status === 200)).toMatchObject({ outcome: 'success', actorUid: 'u-admin' });
    expect(log.entries.find((e) => e.action === 'user.export' && e.targetId === 'd-subject' && e.status === 404)).toMatchObject({ outcome: 'failure' });
    expect(log.entries.find((e) => e.action === 'user.ban' && e.status === 400)).toMatchObject({ targetId: 'b-friend', outcome: 'failure' });
  });

  it('filters by actor, action, target, outcome and time, newest first, in pages', async () => {
    const byActor = auditListSchema.parse((await apiFetch('GET', '/v1/audit?actor=u-moderator', { token: admin.token })).json);
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect(byActor.entries.every((e) => e.actorUid === 'u-moderator')).toBe(true);
    const filtered = auditListSchema.parse((await apiFetch('GET', '/v1/audit?action=user.unban&target=b-victim&outcome=success', { token: admin.token })).json);
    expect(filtered.entries).toHaveLength(2);
    const times = filtered.entries.map((e) => Date.parse(e.at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const future = auditListSchema.parse((await apiFetch('GET', `/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`, { token: admin.token })).json);
    expect(future.entries).toEqual([]);
    const page = auditListSchema.parse((await apiFetch('GET', '/v1/audit?limit=1', { token: admin.token })).json);
    const next = auditListSchema.parse((await apiFetch('GET', `/v1/audit?limit=1&cursor=${page.nextCursor}`, { token: admin.token })).json);
    expect(next.entries[0]?.id).not.toBe(page.entries[0]?.id);
    expect(Date.parse(next.entries[0]?.at ?? '')).toBeLessThanOrEqual(Date.parse(page.entries[0]?.at ?? ''));
  });

  it('is for admins only', async () => {
    expect((await apiFetch('GET', '/v1/audit', { token: moderator.token })).status).toBe(403);
  });
});
