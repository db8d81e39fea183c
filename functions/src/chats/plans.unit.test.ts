import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SETTINGS, MAX_GROUP_MEMBERS, type Chat } from '@natter/model';
import {
  planAddMembers,
  planCreateGroup,
  planJoin,
  planLeave,
  planRemoveMember,
  planSetRole,
  planUpdateGroup,
  type ChatChange,
} from './plans.ts';
import { Refusal } from '../lib/refusal.ts';

const ts = (ms: number) => ({ toMillis: () => ms });
const group = (over: Partial<Chat> = {}): Chat => ({
  type: 'group',
  memberIds: ['ana', 'ben', 'cai'],
  adminIds: ['ana'],
  name: 'Weekend',
  description: '',
  photoURL: null,
  createdBy: 'ana',
  createdAt: ts(0),
  lastMessage: null,
  lastMessageAt: null,
  seq: 5,
  settings: DEFAULT_CHAT_SETTINGS,
  ...over,
});
const direct = group({ type: 'direct', memberIds: ['ana', 'ben'], adminIds: [], name: null });

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal) return error.code;
    throw error;
  }
  return 'allowed';
}

function changed(change: ChatChange): Extract<ChatChange, { kind: 'change' }> {
  if (change.kind !== 'change') throw new Error(`expected a change, got ${change.kind}`);
  return change;
}

describe('who may change a group (each refusal next to the same call allowed)', () => {
  it.each([
    ['an admin adds', () => planAddMembers(group(), 'ana', ['dev']), 'allowed'],
    ['a member adds', () => planAddMembers(group(), 'ben', ['dev']), 'permission-denied'],
    ['a stranger adds', () => planAddMembers(group(), 'eve', ['dev']), 'not-found'],
    ['an admin adds to a direct chat', () => planAddMembers(direct, 'ana', ['dev']), 'failed-precondition'],
    ['an admin fills the group to the limit', () => planAddMembers(group({ memberIds: ids(MAX_GROUP_MEMBERS - 1, 'ana') }), 'ana', ['dev']), 'allowed'],
    ['an admin goes past the limit', () => planAddMembers(group({ memberIds: ids(MAX_GROUP_MEMBERS, 'ana') }), 'ana', ['dev']), 'resource-exhausted'],
    ['an admin removes a member', () => planRemoveMember(group(), 'ana', 'ben'), 'allowed'],
    ['a member removes a member', () => planRemoveMember(group(), 'cai', 'ben'), 'permission-denied'],
    ['an admin removes themself', () => planRemoveMember(group(), 'ana', 'ana'), 'invalid-argument'],
    ['an admin promotes a member', () => planSetRole(group(), 'ana', 'ben', 'admin'), 'allowed'],
    ['a member promotes themself', () => planSetRole(group(), 'ben', 'ben', 'admin'), 'permission-denied'],
    ['an admin promotes a stranger', () => planSetRole(group(), 'ana', 'eve', 'admin'), 'not-found'],
    ['the only admin demotes themself', () => planSetRole(group(), 'ana', 'ana', 'member'), 'failed-precondition'],
    ['one of two admins demotes themself', () => planSetRole(group({ adminIds: ['ana', 'ben'] }), 'ana', 'ana', 'member'), 'allowed'],
    ['a member renames an open group', () => planUpdateGroup(group(), 'ben', { name: 'New' }), 'allowed'],
    ['a member renames an admins-only group', () => planUpdateGroup(group({ settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanEditInfo: true } }), 'ben', { name: 'New' }), 'permission-denied'],
    ['an admin renames an admins-only group', () => planUpdateGroup(group({ settings: { ...DEFAULT_CHAT_SETTINGS, onlyAdminsCanEditInfo: true } }), 'ana', { name: 'New' }), 'allowed'],
    ['a member changes settings', () => planUpdateGroup(group(), 'ben', { settings: { onlyAdminsCanSend: true } }), 'permission-denied'],
    ['an admin changes settings', () => planUpdateGroup(group(), 'ana', { settings: { onlyAdminsCanSend: true } }), 'allowed'],
    ['a stranger renames', () => planUpdateGroup(group(), 'eve', { name: 'New' }), 'not-found'],
    ['someone leaves a direct chat', () => planLeave(direct, 'ana'), 'failed-precondition'],
    ['a stranger joins by link', () => planJoin(group(), 'eve', 'ana', false), 'allowed'],
    ['someone an admin removed joins by link', () => planJoin(group(), 'eve', 'ana', true), 'permission-denied'],
    ['a stranger joins a full group by link', () => planJoin(group({ memberIds: ids(MAX_GROUP_MEMBERS, 'ana') }), 'eve', 'ana', false), 'resource-exhausted'],
  ])('%s: %s', (_label, run, expected) => {
    expect(refusal(run)).toBe(expected);
  });
});

/**
 * A stranger must not learn whether a chat id names a group or a direct chat (or anything at all,
 * see runChatChange): every plan gives them the answer a missing chat gets, before any other check.
 */
describe('a non-member gets one answer whatever the chat is', () => {
  const stranger = 'eve';
  const plans: [string, (chat: Chat) => unknown][] = [
    ['addMembers', (chat) => planAddMembers(chat, stranger, ['dev'])],
    ['removeMember', (chat) => planRemoveMember(chat, stranger, 'ben')],
    ['leaveChat', (chat) => planLeave(chat, stranger)],
    ['setMemberRole', (chat) => planSetRole(chat, stranger, 'ben', 'admin')],
    ['updateGroup', (chat) => planUpdateGroup(chat, stranger, { name: 'New' })],
  ];
  it.each(plans)('%s: the same code for a group and a direct chat, and a member sees the real reason', (_name, plan) => {
    expect(refusal(() => plan(group()))).toBe('not-found');
    expect(refusal(() => plan(direct))).toBe('not-found');
    // Positive control: a member of the direct chat is told it is not a group.
    expect(refusal(() => plan({ ...direct, memberIds: ['ana', stranger] }))).toBe('failed-precondition');
  });
});

describe('what a change does', () => {
  it('creates a group with the creator as sole admin and one "created" note', () => {
    const { chat, change } = planCreateGroup('ana', { name: 'Trip', memberIds: ['ben', 'ana', 'cai', 'ben'] }, ts(9));
    expect(chat).toMatchObject({ type: 'group', memberIds: ['ana'], adminIds: ['ana'], seq: 0, name: 'Trip' });
    const c = changed(change);
    expect(c.patch.memberIds).toEqual(['ana', 'ben', 'cai']);
    expect(c.newMembers.map((m) => [m.uid, m.role, m.addedBy])).toEqual([
      ['ana', 'admin', null],
      ['ben', 'member', 'ana'],
      ['cai', 'member', 'ana'],
    ]);
    expect(c.notes).toEqual([{ event: 'created', actorId: 'ana', targetIds: ['ben', 'cai'], detail: 'Trip' }]);
  });

  it('refuses a group above the limit before anything is read', () => {
    expect(refusal(() => planCreateGroup('ana', { name: 'Big', memberIds: ids(MAX_GROUP_MEMBERS, 'x') }, ts(0)))).toBe('resource-exhausted');
    expect(refusal(() => planCreateGroup('ana', { name: 'Big', memberIds: ids(MAX_GROUP_MEMBERS - 1, 'x') }, ts(0)))).toBe('allowed');
  });

  it('adds only people who are not members yet, and is a no-op (re-mirroring them) otherwise', () => {
    const c = changed(planAddMembers(group(), 'ana', ['ben', 'dev', 'dev']));
    expect(c.patch.memberIds).toEqual(['ana', 'ben', 'cai', 'dev']);
    expect(c.notes).toEqual([{ event: 'added', actorId: 'ana', targetIds: ['dev'] }]);
    expect(planAddMembers(group(), 'ana', ['ben', 'cai'])).toEqual({ kind: 'noop', action: 'add', mirror: { add: ['ben', 'cai'], remove: [] } });
  });

  it('removes a member and their admin role; removing someone already gone is a no-op', () => {
    const c = changed(planRemoveMember(group({ adminIds: ['ana', 'ben'] }), 'ana', 'ben'));
    expect(c.patch).toEqual({ memberIds: ['ana', 'cai'], adminIds: ['ana'] });
    expect(c.removed).toEqual(['ben']);
    // An admin's removal bars an invite link from bringing them back; adding them back lifts it.
    expect(c.barred).toEqual(['ben']);
    expect(changed(planAddMembers(group(), 'ana', ['ben', 'dev'])).unbarred).toEqual(['dev']);
    expect(changed(planLeave(group(), 'ben')).barred).toEqual([]);
    expect(planRemoveMember(group(), 'ana', 'eve')).toMatchObject({ kind: 'noop', mirror: { remove: ['eve'] } });
  });

  it('promotes the longest-standing member when the last admin leaves', () => {
    const c = changed(planLeave(group(), 'ana'));
    expect(c.patch).toEqual({ memberIds: ['ben', 'cai'], adminIds: ['ben'] });
    expect(c.roles).toEqual([{ uid: 'ben', role: 'admin' }]);
    expect(c.notes.map((n) => n.event)).toEqual(['left', 'auto_promoted']);
    expect(c.actorReads).toBe(false);
  });

  it('promotes nobody when another admin remains', () => {
    const c = changed(planLeave(group({ adminIds: ['ana', 'cai'] }), 'ana'));
    expect(c.patch.adminIds).toEqual(['cai']);
    expect(c.roles).toEqual([]);
  });

  it('deletes the group when its last member leaves; leaving again answers as to a stranger', () => {
    expect(planLeave(group({ memberIds: ['ana'] }), 'ana')).toEqual({ kind: 'delete', action: 'leave', removed: ['ana'] });
    expect(refusal(() => planLeave(group(), 'eve'))).toBe('not-found');
  });

  it('posts one note per visible change and nothing for a call that changes nothing', () => {
    const c = changed(planUpdateGroup(group(), 'ana', { name: 'Hike', description: 'Sunday', settings: { disappearAfterSeconds: 86_400 } }));
    expect(c.patch).toMatchObject({ name: 'Hike', description: 'Sunday', settings: { disappearAfterSeconds: 86_400 } });
    expect(c.notes.map((n) => n.event)).toEqual(['renamed', 'description_changed', 'settings_changed']);
    expect(c.notes[2]?.detail).toContain('24 hours');
    expect(planUpdateGroup(group(), 'ana', { name: 'Weekend', settings: { onlyAdminsCanSend: false } }).kind).toBe('noop');
  });

  it('toggles a role and treats the same role again as a no-op', () => {
    const c = changed(planSetRole(group(), 'ana', 'ben', 'admin'));
    expect(c.patch.adminIds).toEqual(['ana', 'ben']);
    expect(planSetRole(group({ adminIds: ['ana', 'ben'] }), 'ana', 'ben', 'admin').kind).toBe('noop');
  });
});

function ids(count: number, first: string): string[] {
  return [first, ...Array.from({ length: count - 1 }, (_, i) => `user${i}`)];
}
