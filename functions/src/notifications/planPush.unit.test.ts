import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS } from '@natter/model';
import {
  FCM_BATCH_LIMIT,
  HIDDEN_CONTENT_BODY,
  chunk,
  classifyPushError,
  notificationContent,
  planRecipients,
  pushMessage,
  uniqueTargets,
  webPushTopic,
} from './planPush.ts';

const NOW = 1_000_000;

describe('planRecipients', () => {
  const base = {
    senderId: 'ana',
    memberIds: ['ana', 'ben', 'cai', 'dev', 'eve', 'fay'],
    mutedUntilMs: new Map<string, number | null>([['ben', NOW + 60_000], ['cai', NOW - 1], ['fay', null]]),
    blockedSender: new Set(['dev']),
    viewing: new Set(['eve']),
    nowMs: NOW,
  };

  it('drops the sender, members muted until later, blockers of the sender and members viewing the chat', () => {
    expect(planRecipients(base)).toEqual({ recipients: ['cai', 'fay'], muted: ['ben'], blocked: ['dev'], viewing: ['eve'] });
  });

  it('notifies the same members once nobody mutes, blocks or views (positive control)', () => {
    const open = planRecipients({ ...base, mutedUntilMs: new Map(), blockedSender: new Set(), viewing: new Set() });
    expect(open.recipients).toEqual(['ben', 'cai', 'dev', 'eve', 'fay']);
  });

  it('treats a mute that ends exactly now as over', () => {
    expect(planRecipients({ ...base, mutedUntilMs: new Map([['ben', NOW]]) }).recipients).toContain('ben');
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

describe('the web part of a push request', () => {
  it('tags the notification with the chat and collapses undelivered pushes per chat', () => {
    const direct = 'u'.repeat(28) + '_' + 'v'.repeat(28);
    const request = pushMessage('token', { title: 'Ana', body: 'hi' }, { chatId: direct, messageId: 'm1' });
    expect(request.webpush.notification).toEqual({ tag: direct });
    expect(request.webpush.headers.Topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Same chat, same topic (a newer push replaces an undelivered one); another chat, another topic.
    expect(pushMessage('t2', { title: 'Ana', body: 'again' }, { chatId: direct, messageId: 'm2' }).webpush.headers.Topic).toBe(request.webpush.headers.Topic);
    expect(webPushTopic('group-1')).not.toBe(webPushTopic('group-2'));
    // What every platform had before stays: data, Android tag, APNs thread.
    expect(request.data).toEqual({ type: 'message', chatId: direct, messageId: 'm1' });
    expect(request.android.notification.tag).toBe(direct);
    expect(request.apns.payload.aps.threadId).toBe(direct);
  });
});
