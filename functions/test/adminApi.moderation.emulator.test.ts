/**
 * Moderation on the Functions emulator: a client files a report under the rules, the
 * onReportCreated trigger snapshots the evidence (idempotently), staff list, read and resolve it
 * through the admin API; chats show message content only when a report names them and can be
 * deleted; daily stats are served as stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDoc, collection, serverTimestamp } from 'firebase/firestore';
import { Timestamp } from 'firebase-admin/firestore';
import {
  EVIDENCE_CONTEXT_MESSAGES,
  chatDetailSchema,
  deleteChatResultSchema,
  evidenceSchema,
  paths,
  problemSchema,
  reportListSchema,
  reportViewSchema,
  statsSchema,
} from '@natter/model';
import { captureEvidence } from '../src/moderation/captureEvidence.ts';
import { adminAuth, adminDb, clearAuth, clearFirestore, eventually } from '../../tests/support/admin.ts';
import { apiFetch, tokenFor, type SignedIn } from '../../tests/support/api.ts';
import { seedChat, seedUser } from '../../tests/support/natterData.ts';

let admin: SignedIn;
let moderator: SignedIn;
let reporter: SignedIn;
let outsider: SignedIn;

const CHAT = 'r-chat';
const LINES: [string, string][] = Array.from({ length: 8 }, (_, i) => [i % 2 === 0 ? 'r-offender' : 'r-reporter', `line ${i + 1}`]);

async function fileReport(session: SignedIn, target: Record<string, string>, reason = 'abusive'): Promise<string> {
  const ref = await addDoc(collection(session.session.db, 'reports'), { reporterId: session.uid, target, reason, status: 'open', createdAt: serverTimestamp() });
  return ref.id;
}

async function capturedEvidence(reportId: string) {
  return eventually(async () => {
    const data = (await adminDb.doc(paths.report(reportId)).get()).data();
    return data?.evidence ? { status: data.status as unknown, evidence: evidenceSchema.parse(data.evidence) } : undefined;
  });
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
  [admin, moderator, reporter, outsider] = await Promise.all([
    tokenFor('r-admin', 'admin'),
    tokenFor('r-moderator', 'moderator'),
    tokenFor('r-reporter'),
    tokenFor('r-outsider'),
  ]);
  await seedUser('r-offender', { displayName: 'Olly Offender' });
  await seedUser('r-reporter', { displayName: 'Rita Reporter' });
  await seedChat(CHAT, ['r-offender', 'r-reporter'], { messages: LINES });
  await seedChat('r-quiet', ['r-offender', 'r-reporter'], { messages: [['r-offender', 'private words']] });
});

afterAll(async () => {
  await Promise.all([admin, moderator, reporter, outsider].map((s) => s.session.close()));
});

describe('filing a report and its evidence', () => {
  let reportId: string;

  it('lets a member report a message; the trigger snapshots it with context and the sender\'s profile', async () => {
    reportId = await fileReport(reporter, { type: 'message', chatId: CHAT, messageId: 'm7' });
    const { status, evidence } = await capturedEvidence(reportId);
    expect(status).toBe('open');
    expect(evidence).toMatchObject({ available: true, reportedUid: 'r-offender', chat: { type: 'direct', memberCount: 2 } });
    expect(evidence.message).toMatchObject({ id: 'm7', senderId: 'r-offender', text: 'line 7' });
    expect(evidence.context.map((m) => m.text)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    expect(evidence.context).toHaveLength(EVIDENCE_CONTEXT_MESSAGES);
    expect(evidence.profile).toMatchObject({ uid: 'r-offender', displayName: 'Olly Offender' });
  });

  it('keeps the evidence when the message is later edited or deleted', async () => {
    await adminDb.doc(paths.message(CHAT, 'm7')).update({ text: '', deletedForEveryone: true });
    const report = reportViewSchema.parse((await apiFetch('GET', `/v1/reports/${reportId}`, { token: moderator.token })).json);
    expect(report.evidence).toMatchObject({ message: { text: 'line 7' } });
    expect(report).toMatchObject({ reporterId: 'r-reporter', reason: 'abusive', status: 'open', target: { type: 'message', chatId: CHAT, messageId: 'm7' } });
  });

  it('snapshots once: duplicate and concurrent deliveries change nothing', async () => {
    const before = (await adminDb.doc(paths.report(reportId)).get()).get('evidence') as { capturedAt: Timestamp };
    await Promise.all([1, 2, 3].map((n) => captureEvidence({ reportId, eventId: `duplicate-${n}` }, adminDb)));
    const after = (await adminDb.doc(paths.report(reportId)).get()).get('evidence') as { capturedAt: Timestamp };
    expect(after.capturedAt.isEqual(before.capturedAt)).toBe(true);
    expect(after).toEqual(before);

    // A report written without evidence, delivered three times at once, gets exactly one snapshot.
    await adminDb.doc(paths.report('r-concurrent')).set({ reporterId: 'r-reporter', target: { type: 'user', uid: 'r-offender' }, reason: 'x', createdAt: Timestamp.now() });
    await Promise.all([1, 2, 3].map((n) => captureEvidence({ reportId: 'r-concurrent', eventId: `concurrent-${n}` }, adminDb)));
    const { evidence } = await capturedEvidence('r-concurrent');
    expect(evidence).toMatchObject({ available: true, reportedUid: 'r-offender', profile: { displayName: 'Olly Offender' } });
  });

  it('does not put a chat in front of staff for someone outside it', async () => {
    const target = { type: 'message', chatId: 'r-quiet', messageId: 'm1' };
    // The rules refuse a message report from outside the chat...
    expect(await errorCode(fileReport(outsider, target))).toBe('permission-denied');
    // ...and should one arrive anyway (an older client, an import), the trigger keeps the chat hidden.
    const id = 'r-outsider-report';
    await adminDb.doc(paths.report(id)).set({ reporterId: outsider.uid, target, reason: 'x', status: 'open', createdAt: Timestamp.now() });
    const { evidence } = await capturedEvidence(id);
    expect(evidence).toMatchObject({ available: false, unavailableReason: 'the reporter is not a member of the chat', message: null });
    const chat = chatDetailSchema.parse((await apiFetch('GET', '/v1/chats/r-quiet', { token: admin.token })).json);
    expect(chat.messagesVisible).toBe(false);
    expect(chat.messages).toBeNull();
    expect(chat.counts).toEqual({ members: 2, messages: 1, reports: 1 });
  });

  it('refuses reports from banned users and reports filed in someone else\'s name (rules)', async () => {
    const target = { type: 'user', uid: 'r-offender' };
    expect(await errorCode(fileReport(outsider, target))).toBe('ok');
    const forged = addDoc(collection(outsider.session.db, 'reports'), { reporterId: 'r-reporter', target, reason: 'x', status: 'open', createdAt: serverTimestamp() });
    expect(await errorCode(forged)).toBe('permission-denied');
    const withEvidence = addDoc(collection(outsider.session.db, 'reports'), { reporterId: outsider.uid, target, reason: 'x', status: 'open', createdAt: serverTimestamp(), evidence: {} });
    expect(await errorCode(withEvidence)).toBe('permission-denied');
    await adminDb.doc(paths.ban(outsider.uid)).set({ reason: 'test', bannedBy: 'r-admin', createdAt: Timestamp.now(), until: null });
    expect(await errorCode(fileReport(outsider, target))).toBe('permission-denied');
    await adminDb.doc(paths.ban(outsider.uid)).delete();
  });
});

describe('working reports', () => {
  let dismissId: string;
  let deleteId: string;
  let banId: string;
  let userReportId: string;

  beforeAll(async () => {
    dismissId = await fileReport(reporter, { type: 'message', chatId: CHAT, messageId: 'm1' }, 'rude');
    deleteId = await fileReport(reporter, { type: 'message', chatId: CHAT, messageId: 'm3' }, 'slur');
    banId = await fileReport(reporter, { type: 'message', chatId: CHAT, messageId: 'm5' }, 'threat');
    userReportId = await fileReport(reporter, { type: 'user', uid: 'r-offender' }, 'impersonation');
    await Promise.all([dismissId, deleteId, banId, userReportId].map(capturedEvidence));
  });

  it('lists open reports newest first, in pages', async () => {
    const all = reportListSchema.parse((await apiFetch('GET', '/v1/reports', { token: moderator.token })).json);
    expect(all.reports.map((r) => r.id)).toEqual(expect.arrayContaining([dismissId, deleteId, banId, userReportId]));
    const times = all.reports.map((r) => Date.parse(r.createdAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const page = reportListSchema.parse((await apiFetch('GET', '/v1/reports?status=open&limit=2', { token: moderator.token })).json);
    const next = reportListSchema.parse((await apiFetch('GET', `/v1/reports?status=open&limit=2&cursor=${page.nextCursor}`, { token: moderator.token })).json);
    expect(next.reports.map((r) => r.id)).not.toContain(page.reports[0]?.id);
  });

  it('dismisses once; a second resolution is a conflict', async () => {
    const response = await apiFetch('POST', `/v1/reports/${dismissId}/resolve`, { token: moderator.token, body: { action: 'dismiss', note: 'banter' } });
    expect(response.status).toBe(200);
    expect(reportViewSchema.parse(response.json)).toMatchObject({ status: 'dismissed', resolution: { action: 'dismiss', by: 'r-moderator', note: 'banter' } });
    const again = await apiFetch('POST', `/v1/reports/${dismissId}/resolve`, { token: admin.token, body: { action: 'dismiss' } });
    expect(again.status).toBe(409);
    const dismissed = reportListSchema.parse((await apiFetch('GET', '/v1/reports?status=dismissed', { token: moderator.token })).json);
    expect(dismissed.reports.map((r) => r.id)).toEqual([dismissId]);
  });

  it('deletes the reported message (tombstone, no content) while the evidence keeps it', async () => {
    const response = await apiFetch('POST', `/v1/reports/${deleteId}/resolve`, { token: moderator.token, body: { action: 'deleteMessage' } });
    expect(response.status).toBe(200);
    expect(reportViewSchema.parse(response.json)).toMatchObject({ status: 'actioned', evidence: { message: { text: 'line 3' } } });
    expect((await adminDb.doc(paths.message(CHAT, 'm3')).get()).data()).toMatchObject({ text: '', media: null, deletedForEveryone: true, senderId: 'r-offender' });
  });

  it('refuses deleteMessage for a report about a user, naming body.action, and leaves it open', async () => {
    const response = await apiFetch('POST', `/v1/reports/${userReportId}/resolve`, { token: moderator.token, body: { action: 'deleteMessage' } });
    expect(response.status).toBe(400);
    expect(problemSchema.parse(response.json).errors.map((e) => e.field)).toEqual(['body.action']);
    expect((await adminDb.doc(paths.report(userReportId)).get()).get('status')).toBe('open');
  });

  it('bans the reported user through the same ban service, and reopens the report if the ban is refused', async () => {
    await seedUser('r-staff-offender', { role: 'admin' });
    await seedChat('r-staff-chat', ['r-staff-offender', 'r-reporter'], { messages: [['r-staff-offender', 'mean']] });
    const staffReport = await fileReport(reporter, { type: 'message', chatId: 'r-staff-chat', messageId: 'm1' });
    await capturedEvidence(staffReport);
    const refused = await apiFetch('POST', `/v1/reports/${staffReport}/resolve`, { token: moderator.token, body: { action: 'banUser', reason: 'x' } });
    expect(refused.status).toBe(403);
    expect((await adminDb.doc(paths.report(staffReport)).get()).get('status')).toBe('open');

    const response = await apiFetch('POST', `/v1/reports/${banId}/resolve`, { token: moderator.token, body: { action: 'banUser', reason: 'threats' } });
    expect(response.status).toBe(200);
    expect(reportViewSchema.parse(response.json)).toMatchObject({ status: 'actioned', resolution: { action: 'banUser' } });
    expect((await adminDb.doc(paths.ban('r-offender')).get()).data()).toMatchObject({ reason: 'threats', bannedBy: 'r-moderator' });
    expect((await adminAuth.getUser('r-offender')).disabled).toBe(true);
  });
});

describe('chats', () => {
  it('shows content only for a chat a report names, paged', async () => {
    const response = await apiFetch('GET', `/v1/chats/${CHAT}?limit=3`, { token: admin.token });
    expect(response.status).toBe(200);
    const chat = chatDetailSchema.parse(response.json);
    expect(chat.messagesVisible).toBe(true);
    expect(chat.chat).toMatchObject({ type: 'direct', memberIds: ['r-offender', 'r-reporter'] });
    expect(chat.members.map((m) => m.uid)).toEqual(['r-offender', 'r-reporter']);
    expect(chat.counts.messages).toBe(8);
    expect(chat.counts.reports).toBeGreaterThanOrEqual(4);
    expect(chat.messages?.map((m) => m.id)).toEqual(['m8', 'm7', 'm6']);
    const next = chatDetailSchema.parse((await apiFetch('GET', `/v1/chats/${CHAT}?limit=3&cursor=${chat.nextCursor}`, { token: admin.token })).json);
    expect(next.messages?.map((m) => m.id)).toEqual(['m5', 'm4', 'm3']);
  });

  it('refuses chats to moderators and 404s unknown chats', async () => {
    expect((await apiFetch('GET', `/v1/chats/${CHAT}`, { token: moderator.token })).status).toBe(403);
    expect((await apiFetch('GET', '/v1/chats/no-such-chat', { token: admin.token })).status).toBe(404);
  });

  it('deletes a chat with its messages and members in batches', async () => {
    const lines: [string, string][] = Array.from({ length: 650 }, (_, i) => ['r-reporter', `bulk ${i}`]);
    await seedChat('r-big', ['r-reporter', 'r-offender', 'r-admin'], { messages: lines });
    const started = Date.now();
    const response = await apiFetch('DELETE', '/v1/chats/r-big', { token: admin.token });
    expect(response.status).toBe(200);
    expect(deleteChatResultSchema.parse(response.json)).toEqual({ chatId: 'r-big', deleted: true, messagesDeleted: 650, membersDeleted: 3, mediaDeleted: 0 });
    console.log(`chat delete: 650 messages and 3 members in ${Date.now() - started} ms`);
    expect((await adminDb.doc(paths.chat('r-big')).get()).exists).toBe(false);
    expect((await adminDb.collection(paths.messages('r-big')).count().get()).data().count).toBe(0);
    expect((await adminDb.collection(paths.members('r-big')).count().get()).data().count).toBe(0);
    expect((await apiFetch('DELETE', '/v1/chats/r-big', { token: admin.token })).status).toBe(404);
  });
});

describe('stats', () => {
  beforeAll(async () => {
    for (const [day, messages] of [['2026-03-01', 10], ['2026-03-02', 12], ['2026-03-04', 7]] as const) {
      await adminDb.doc(paths.dailyStats(day)).set({ messages, activeUsers: messages * 2, computedAt: Timestamp.fromMillis(Date.parse(`${day}T23:59:00Z`)) });
    }
  });

  it('serves the daily rollups in a range, leaving out days without one', async () => {
    const stats = statsSchema.parse((await apiFetch('GET', '/v1/stats?from=2026-03-01&to=2026-03-05', { token: admin.token })).json);
    expect(stats.days.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-04']);
    expect(stats.days[0]?.values).toEqual({ messages: 10, activeUsers: 20, computedAt: '2026-03-01T23:59:00.000Z' });
  });

  it('names the field when the range is backwards or too long', async () => {
    const backwards = problemSchema.parse((await apiFetch('GET', '/v1/stats?from=2026-03-05&to=2026-03-01', { token: admin.token })).json);
    expect(backwards.errors).toEqual([{ field: 'query.from', message: 'must not be after to' }]);
    const long = await apiFetch('GET', '/v1/stats?from=2025-01-01&to=2026-03-01', { token: admin.token });
    expect(long.status).toBe(400);
    expect(problemSchema.parse(long.json).errors.map((e) => e.field)).toEqual(['query.from']);
  });
});
