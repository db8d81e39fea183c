/**
 * The chat management callables (direct chats, groups, membership, roles, invite links). Each
 * handler module loads on the callable's first call, so an instance evaluates only its own.
 */
import { authedCallable } from '../lib/callable.ts';
import { lazyHandler } from '../lib/lazy.ts';

export const openDirectChat = authedCallable('openDirectChat', lazyHandler(async () => (await import('./openDirectChat.ts')).handleOpenDirectChat));
export const createGroup = authedCallable('createGroup', lazyHandler(async () => (await import('./createGroup.ts')).handleCreateGroup));
export const updateGroup = authedCallable('updateGroup', lazyHandler(async () => (await import('./updateGroup.ts')).handleUpdateGroup));
export const addMembers = authedCallable('addMembers', lazyHandler(async () => (await import('./addMembers.ts')).handleAddMembers));
export const removeMember = authedCallable('removeMember', lazyHandler(async () => (await import('./removeMember.ts')).handleRemoveMember));
export const leaveChat = authedCallable('leaveChat', lazyHandler(async () => (await import('./leaveChat.ts')).handleLeaveChat));
export const setMemberRole = authedCallable('setMemberRole', lazyHandler(async () => (await import('./setMemberRole.ts')).handleSetMemberRole));
export const createInviteLink = authedCallable('createInviteLink', lazyHandler(async () => (await import('./createInviteLink.ts')).handleCreateInviteLink));
export const revokeInviteLink = authedCallable('revokeInviteLink', lazyHandler(async () => (await import('./revokeInviteLink.ts')).handleRevokeInviteLink));
export const joinByInvite = authedCallable('joinByInvite', lazyHandler(async () => (await import('./joinByInvite.ts')).handleJoinByInvite));
