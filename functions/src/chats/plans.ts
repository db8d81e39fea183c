/**
 * Pure planning of every chat and group change: who may do it, what the chat document becomes,
 * which member documents appear or go, and which system messages are posted. No Firebase imports;
 * the callables apply a plan inside the transaction that read the chat.
 */
import {
  DEFAULT_CHAT_SETTINGS,
  MAX_GROUP_MEMBERS,
  type CallableInput,
  type Chat,
  type ChatSettings,
  type Role,
  type TimestampLike,
} from '@natter/model';
import { refuse } from '../lib/refusal.ts';
import type { SystemNote } from './systemText.ts';

export interface NewMember {
  uid: string;
  role: Role;
  addedBy: string | null;
  /** Index of the note announcing them: their read marker stops just before it. */
  noteIndex: number;
}

export type ChatPatch = Partial<Pick<Chat, 'memberIds' | 'adminIds' | 'name' | 'description' | 'photoURL' | 'settings'>>;

export type ChatChange =
  | {
      kind: 'change';
      action: string;
      patch: ChatPatch;
      newMembers: NewMember[];
      removed: string[];
      roles: { uid: string; role: Role }[];
      notes: SystemNote[];
      /** Whether the actor stays a member and so has read the notes they caused. */
      actorReads: boolean;
      /** Removed by an admin: an invite link no longer lets them back in. */
      barred: string[];
      /** Added back by an admin: the bar is lifted. */
      unbarred: string[];
    }
  /** The last member left: the chat and its member document go. */
  | { kind: 'delete'; action: string; removed: string[] }
  /**
   * Already in the requested state. `mirror` names the users the request was about, so the RTDB
   * mirror (and missing member documents) can be brought in step again by a retried call.
   */
  | { kind: 'noop'; action: string; mirror: { add: string[]; remove: string[] } };

const noop = (action: string, add: string[] = [], remove: string[] = []): ChatChange => ({ kind: 'noop', action, mirror: { add, remove } });

const change = (action: string, fields: Partial<Extract<ChatChange, { kind: 'change' }>>): ChatChange => ({
  kind: 'change',
  action,
  patch: {},
  newMembers: [],
  removed: [],
  roles: [],
  notes: [],
  actorReads: true,
  barred: [],
  unbarred: [],
  ...fields,
});

function requireGroup(chat: Chat): void {
  if (chat.type !== 'group') refuse('failed-precondition', 'This is a direct chat, not a group.');
}

/**
 * The one answer for a chat the caller is not in, the same as for a chat that does not exist, so
 * nobody can probe whether a group id exists or two users share a direct chat. Membership is
 * therefore checked before anything else about the chat (its type, its admins).
 */
export function refuseNonMember(): never {
  refuse('not-found', 'That chat does not exist, or you are not a member of it.');
}

export function requireMember(chat: Chat, uid: string): void {
  if (!chat.memberIds.includes(uid)) refuseNonMember();
}

function requireAdmin(chat: Chat, uid: string): void {
  requireMember(chat, uid);
  if (!chat.adminIds.includes(uid)) refuse('permission-denied', 'Only group admins can do this.');
}

/**
 * A new group: the creator joins as its only admin, the others as members, announced by one
 * "created" system message. Returns the chat as it is before that message (seq 0) and the change.
 */
export function planCreateGroup(
  actorId: string,
  input: CallableInput<'createGroup'>,
  createdAt: TimestampLike,
): { chat: Chat; change: ChatChange } {
  const others = [...new Set(input.memberIds)].filter((uid) => uid !== actorId);
  const chat: Chat = {
    type: 'group',
    memberIds: [actorId],
    adminIds: [actorId],
    name: input.name,
    description: input.description ?? '',
    photoURL: input.photoURL ?? null,
    createdBy: actorId,
    createdAt,
    lastMessage: null,
    lastMessageAt: null,
    seq: 0,
    settings: DEFAULT_CHAT_SETTINGS,
  };
  ensureRoom(chat, others.length);
  return {
    chat,
    change: change('create', {
      patch: { memberIds: [actorId, ...others] },
      newMembers: [
        { uid: actorId, role: 'admin', addedBy: null, noteIndex: 0 },
        ...others.map((uid) => ({ uid, role: 'member' as const, addedBy: actorId, noteIndex: 0 })),
      ],
      notes: [{ event: 'created', actorId, targetIds: others, detail: input.name }],
    }),
  };
}

/** Adds members in order; they join with the role `member`. */
export function planAddMembers(chat: Chat, actorId: string, uids: readonly string[]): ChatChange {
  requireMember(chat, actorId);
  requireGroup(chat);
  requireAdmin(chat, actorId);
  const newIds = [...new Set(uids)].filter((uid) => !chat.memberIds.includes(uid));
  if (newIds.length === 0) return noop('add', [...new Set(uids)]);
  ensureRoom(chat, newIds.length);
  return change('add', {
    patch: { memberIds: [...chat.memberIds, ...newIds] },
    newMembers: newIds.map((uid) => ({ uid, role: 'member', addedBy: actorId, noteIndex: 0 })),
    notes: [{ event: 'added', actorId, targetIds: newIds }],
    unbarred: newIds,
  });
}

/** Someone with a valid invite link joins, unless an admin removed them (`barred`) and has not added them back. */
export function planJoin(chat: Chat, uid: string, invitedBy: string, barred: boolean): ChatChange {
  requireGroup(chat);
  if (chat.memberIds.includes(uid)) return noop('join', [uid]);
  if (barred) refuse('permission-denied', 'An admin removed you from this group; only an admin can add you back.');
  ensureRoom(chat, 1);
  return change('join', {
    patch: { memberIds: [...chat.memberIds, uid] },
    newMembers: [{ uid, role: 'member', addedBy: invitedBy, noteIndex: 0 }],
    notes: [{ event: 'joined', actorId: uid, targetIds: [] }],
  });
}

export function planRemoveMember(chat: Chat, actorId: string, target: string): ChatChange {
  requireMember(chat, actorId);
  requireGroup(chat);
  if (target === actorId) refuse('invalid-argument', "Field 'uid': use leaveChat to leave a group yourself.");
  requireAdmin(chat, actorId);
  if (!chat.memberIds.includes(target)) return noop('remove', [], [target]);
  return change('remove', {
    patch: { memberIds: without(chat.memberIds, target), adminIds: without(chat.adminIds, target) },
    removed: [target],
    barred: [target],
    notes: [{ event: 'removed', actorId, targetIds: [target] }],
  });
}

/**
 * Leaving; the last admin leaving makes the longest-standing remaining member an admin. Someone
 * not (or no longer) in the chat gets the non-member answer, never `{}`, which would confirm the chat.
 */
export function planLeave(chat: Chat, uid: string): ChatChange {
  requireMember(chat, uid);
  requireGroup(chat);
  const remaining = without(chat.memberIds, uid);
  if (remaining.length === 0) return { kind: 'delete', action: 'leave', removed: [uid] };
  const admins = without(chat.adminIds, uid);
  // memberIds keeps join order, so the first remaining member has been in the group longest.
  const promoted = admins.length === 0 ? remaining[0]! : null;
  const notes: SystemNote[] = [{ event: 'left', actorId: uid, targetIds: [] }];
  if (promoted) notes.push({ event: 'auto_promoted', actorId: uid, targetIds: [promoted] });
  return change('leave', {
    patch: { memberIds: remaining, adminIds: promoted ? [promoted] : admins },
    removed: [uid],
    roles: promoted ? [{ uid: promoted, role: 'admin' }] : [],
    notes,
    actorReads: false,
  });
}

export function planSetRole(chat: Chat, actorId: string, target: string, role: Role): ChatChange {
  requireMember(chat, actorId);
  requireGroup(chat);
  requireAdmin(chat, actorId);
  if (!chat.memberIds.includes(target)) refuse('not-found', "Field 'uid': that user is not a member of this group.");
  const isAdmin = chat.adminIds.includes(target);
  if ((role === 'admin') === isAdmin) return noop('role');
  if (role === 'member' && chat.adminIds.length === 1) {
    refuse('failed-precondition', 'A group needs at least one admin: make someone else an admin first.');
  }
  return change('role', {
    patch: { adminIds: role === 'admin' ? [...chat.adminIds, target] : without(chat.adminIds, target) },
    roles: [{ uid: target, role }],
    notes: [{ event: role === 'admin' ? 'promoted' : 'demoted', actorId, targetIds: [target] }],
  });
}

type UpdateInput = Omit<CallableInput<'updateGroup'>, 'chatId'>;

/** Group info (name, description, photo) and settings; one system message per visible change. */
export function planUpdateGroup(chat: Chat, actorId: string, input: UpdateInput): ChatChange {
  requireMember(chat, actorId);
  requireGroup(chat);
  const isAdmin = chat.adminIds.includes(actorId);
  const patch: ChatPatch = {};
  const notes: SystemNote[] = [];
  const note = (event: SystemNote['event'], detail?: string) => notes.push({ event, actorId, targetIds: [], ...(detail ? { detail } : {}) });

  const infoChanges =
    (input.name !== undefined && input.name !== chat.name) ||
    (input.description !== undefined && input.description !== chat.description) ||
    (input.photoURL !== undefined && input.photoURL !== chat.photoURL);
  if (infoChanges && chat.settings.onlyAdminsCanEditInfo && !isAdmin) {
    refuse('permission-denied', 'Only group admins can edit the group info.');
  }
  if (input.name !== undefined && input.name !== chat.name) {
    patch.name = input.name;
    note('renamed', input.name);
  }
  if (input.description !== undefined && input.description !== chat.description) {
    patch.description = input.description;
    note('description_changed');
  }
  if (input.photoURL !== undefined && input.photoURL !== chat.photoURL) {
    patch.photoURL = input.photoURL;
    note('photo_changed', input.photoURL === null ? 'removed' : 'changed');
  }

  const settings: ChatSettings = { ...chat.settings, ...input.settings };
  const changed = (Object.keys(settings) as (keyof ChatSettings)[]).filter((key) => settings[key] !== chat.settings[key]);
  if (changed.length > 0) {
    if (!isAdmin) refuse('permission-denied', 'Only group admins can change group settings.');
    patch.settings = settings;
    for (const key of changed) note('settings_changed', settingSentence(key, settings));
  }
  if (notes.length === 0) return noop('update');
  return change('update', { patch, notes });
}

function settingSentence(key: keyof ChatSettings, settings: ChatSettings): string {
  switch (key) {
    case 'onlyAdminsCanSend':
      return settings.onlyAdminsCanSend
        ? 'changed this group so only admins can send messages'
        : 'changed this group so all members can send messages';
    case 'onlyAdminsCanEditInfo':
      return settings.onlyAdminsCanEditInfo
        ? "changed this group so only admins can edit the group's info"
        : "changed this group so all members can edit the group's info";
    case 'disappearAfterSeconds':
      return settings.disappearAfterSeconds === 0
        ? 'turned off disappearing messages'
        : `turned on disappearing messages: new messages disappear after ${durationWords(settings.disappearAfterSeconds)}`;
  }
}

function durationWords(seconds: number): string {
  const days = seconds / 86_400;
  return days === 1 ? '24 hours' : `${days} days`;
}

function ensureRoom(chat: Chat, adding: number): void {
  if (chat.memberIds.length + adding > MAX_GROUP_MEMBERS) {
    refuse('resource-exhausted', `A group holds at most ${MAX_GROUP_MEMBERS} members; this one has ${chat.memberIds.length}.`);
  }
}

function without(list: readonly string[], uid: string): string[] {
  return list.filter((value) => value !== uid);
}
