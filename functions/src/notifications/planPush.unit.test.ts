import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '@natter/model';
import {
  FCM_BATCH_LIMIT,
  HIDDEN_CONTENT_BODY,
  chatCollapseKey,
  chunk,
  classifyPushError,
  noticeFor,
  notificationContent,
  planRecipients,
  pushMessage,
  uniqueTargets,
  type WindowMessage,
} from './planPush.ts';

const NOW = 1_000_000;

describe('planRecipients', () => {
  const base = {
    memberIds: ['ana', 'ben', 'cai', 'dev', 'eve', 'fay'],
    mutedUntilMs: new Map<string, number | null>([['ben', NOW + 60_000], ['cai', NOW - 1], ['fay', null]]),
    viewing: new Set(['eve']),
    nowMs: NOW,
  };

  it('drops members muted until later and members viewing the chat', () => {
    expect(planRecipients(base)).toEqual({ recipients: ['ana', 'cai', 'dev', 'fay'], muted: ['ben'], viewing: ['eve'] });
  });

  it('keeps every member once nobody mutes or views (positive control)', () => {
    const open = planRecipients({ ...base, mutedUntilMs: new Map(), viewing: new Set() });
    expect(open.recipients).toEqual(['ana', 'ben', 'cai', 'dev', 'eve', 'fay']);
  });

  it('treats a mute that ends exactly now as over', () => {
    expect(planRecipients({ ...base, mutedUntilMs: new Map([['ben', NOW]]) }).recipients).toContain('ben');
  });
});

describe('noticeFor: one notice per member and window', () => {
  const group = { type: 'group' as const, name: 'Weekend plans', settings: DEFAULT_CHAT_SETTINGS };
  const direct = { type: 'direct' as const, name: null, settings: DEFAULT_CHAT_SETTINGS };
  const text = (id: string, senderId: string, body: string): WindowMessage => ({
    id, senderId, message: { type: 'text', text: body, deletedForEveryone: false, expiresAt: null },
  });
  const senderNames = new Map([['ana', 'Ana'], ['ben', 'Ben']]);
  const burst = [text('m1', 'ana', 'one'), text('m2', 'ben', 'two'), text('m3', 'ana', 'three')];

  it('reads as the message itself when the window holds one message from someone else', () => {
    expect(noticeFor('cai', { chat: group, messages: [text('m1', 'ana', 'Hike?')], senderNames }, new Set())).toEqual({
      content: { title: 'Weekend plans', body: 'Ana: Hike?' }, messageId: 'm1', count: 1,
    });
  });

  it('folds several into "N new messages" that names the newest and shows no content', () => {
    expect(noticeFor('cai', { chat: group, messages: burst, senderNames }, new Set())).toEqual({
      content: { title: 'Weekend plans', body: '3 new messages' }, messageId: 'm3', count: 3,
    });
    expect(noticeFor('ben', { chat: direct, messages: [text('m1', 'ana', 'a'), text('m2', 'ana', 'b')], senderNames }, new Set())?.content).toEqual({
      title: 'Ana', body: '2 new messages',
    });
  });

  it("leaves out the member's own messages and those of senders they blocked", () => {
    // Ben sent m2: he hears of Ana's two. Cai blocked Ana: only Ben's one, shown as itself.
    expect(noticeFor('ben', { chat: group, messages: burst, senderNames }, new Set())).toMatchObject({ count: 2, messageId: 'm3' });
    expect(noticeFor('cai', { chat: group, messages: burst, senderNames }, new Set(['ana']))).toEqual({
      content: { title: 'Weekend plans', body: 'Ben: two' }, messageId: 'm2', count: 1,
    });
  });

  it('is null when nothing is left for the member', () => {
    expect(noticeFor('ana', { chat: group, messages: [text('m1', 'ana', 'mine')], senderNames }, new Set())).toBeNull();
    expect(noticeFor('cai', { chat: group, messages: burst, senderNames }, new Set(['ana', 'ben']))).toBeNull();
  });
});

describe('notificationContent', () => {
  const direct = { type: 'direct' as const, name: null, settings: DEFAULT_CHAT_SETTINGS };
  const group = { type: 'group' as const, name: 'Weekend plans', settings: DEFAULT_CHAT_SETTINGS };
  const text = { type: 'text' as const, text: 'See you at 10', media: null, deletedForEveryone: false, expiresAt: null };

  it('shows the sender and the text in a direct chat, the group name and "sender: text" in a group', () => {
    expect(notificationContent(direct, text, 'Ana')).toEqual({ title: 'Ana', body: 'See you at 10' });
    expect(notificationContent(group, text, 'Ana')).toEqual({ title: 'Weekend plans', body: 'Ana: See you at 10' });
  });

  it('never previews a disappearing message', () => {
    const disappearing = { ...direct, settings: { ...DEFAULT_CHAT_SETTINGS, disappearAfterSeconds: 86_400 as const } };
    expect(notificationContent(disappearing, text, 'Ana')).toEqual({ title: 'Ana', body: HIDDEN_CONTENT_BODY });
    const expiring = { ...text, expiresAt: { toMillis: () => NOW } };
    expect(notificationContent(direct, expiring, 'Ana').body).toBe(HIDDEN_CONTENT_BODY);
  });

  it('says a deleted message was deleted, without its content', () => {
    const deleted = { ...text, text: 'secret plans', deletedForEveryone: true };
    expect(notificationContent(direct, deleted, 'Ana').body).toBe('This message was deleted');
  });
});

describe('batching and tokens', () => {
  it('chunks into batches of at most 500', () => {
    const sizes = chunk(Array.from({ length: 1_201 }, (_, i) => i)).map((c) => c.length);
    expect(sizes).toEqual([FCM_BATCH_LIMIT, FCM_BATCH_LIMIT, 201]);
    expect(chunk([])).toEqual([]);
  });

  it('sends once per distinct token, remembering every device document carrying it', () => {
    const targets = uniqueTargets([
      { uid: 'ben', deviceId: 'phone', token: 't1' },
      { uid: 'ben', deviceId: 'phone-old', token: 't1' },
      { uid: 'ben', deviceId: 'laptop', token: 't2' },
    ]);
    expect(targets).toEqual([
      { token: 't1', devices: [{ uid: 'ben', deviceId: 'phone' }, { uid: 'ben', deviceId: 'phone-old' }] },
      { token: 't2', devices: [{ uid: 'ben', deviceId: 'laptop' }] },
    ]);
  });

  it.each([
    ['messaging/registration-token-not-registered', 'invalid-token'],
    ['messaging/invalid-registration-token', 'invalid-token'],
    ['messaging/server-unavailable', 'transient'],
    ['messaging/internal-error', 'transient'],
    ['messaging/payload-size-limit-exceeded', 'failed'],
    ['messaging/invalid-argument', 'failed'],
  ])('classifies %s as %s', (code, kind) => {
    expect(classifyPushError(code)).toBe(kind);
  });
});

describe('the collapse keys of a push request', () => {
  it('tags the notification with the chat and gives every platform one collapse key per chat', () => {
    const direct = 'u'.repeat(28) + '_' + 'v'.repeat(28);
    const notice = { content: { title: 'Ana', body: 'hi' }, messageId: 'm1', count: 1 };
    const request = pushMessage('token', notice, direct);
    const key = request.webpush.headers.Topic;
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(request.webpush.notification).toEqual({ tag: direct });
    expect(request.android.collapseKey).toBe(key);
    expect(request.apns.headers['apns-collapse-id']).toBe(key);
    // Same chat, same key (a newer or resent push replaces the one shown); another chat, another key.
    expect(pushMessage('t2', { ...notice, messageId: 'm2' }, direct).webpush.headers.Topic).toBe(key);
    expect(chatCollapseKey('group-1')).not.toBe(chatCollapseKey('group-2'));
    expect(request.data).toEqual({ type: 'message', chatId: direct, messageId: 'm1', count: '1' });
    expect(request.android.notification.tag).toBe(direct);
    expect(request.apns.payload.aps.threadId).toBe(direct);
  });
});
