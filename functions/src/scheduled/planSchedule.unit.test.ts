import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, MAX_SCHEDULE_AHEAD_MS } from '@natter/model';
import { checkPostable, checkSendAt, isBanActive } from './planSchedule.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('checkSendAt', () => {
  it.each([
    ['one second ahead', NOW + 1_000, true],
    ['exactly 30 days ahead', NOW + MAX_SCHEDULE_AHEAD_MS, true],
    ['now', NOW, false],
    ['in the past', NOW - 60_000, false],
    ['30 days and a second ahead', NOW + MAX_SCHEDULE_AHEAD_MS + 1_000, false],
  ])('%s -> ok %s', (_label, sendAt, ok) => {
    const result = checkSendAt(iso(sendAt), NOW);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.message).toContain("'sendAt'");
  });
});

describe('checkPostable', () => {
  const chat = { type: 'group' as const, memberIds: ['ana', 'ben'], adminIds: ['ana'], settings: DEFAULT_CHAT_SETTINGS };
  const ok = { chat, senderId: 'ben', banned: false, blockedByOther: false };

  it('accepts a member (positive control)', () => {
    expect(checkPostable(ok)).toBeNull();
  });

  it.each([
    ['a non-member', { ...ok, senderId: 'zed' }, 'permission-denied'],
    ['a missing chat', { ...ok, chat: null }, 'permission-denied'],
    ['a banned member', { ...ok, banned: true }, 'permission-denied'],
    ['a non-admin in an admins-only chat', { ...ok, chat: { ...chat, settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend: true } } }, 'failed-precondition'],
    ['a member blocked in a direct chat', { ...ok, chat: { ...chat, type: 'direct' as const }, blockedByOther: true }, 'failed-precondition'],
  ])('refuses %s', (_label, input, code) => {
    expect(checkPostable(input)?.code).toBe(code);
  });

  it('lets an admin post in an admins-only chat', () => {
    const adminsOnly = { ...chat, settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanSend: true } };
    expect(checkPostable({ ...ok, chat: adminsOnly, senderId: 'ana' })).toBeNull();
  });
});

describe('isBanActive', () => {
  it('is active without an end or before it, inactive after it', () => {
    expect(isBanActive({ until: null }, NOW)).toBe(true);
    expect(isBanActive({ until: { toMillis: () => NOW + 1 } }, NOW)).toBe(true);
    expect(isBanActive({ until: { toMillis: () => NOW - 1 } }, NOW)).toBe(false);
    expect(isBanActive(undefined, NOW)).toBe(false);
  });
});
