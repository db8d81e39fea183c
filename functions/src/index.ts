/** Natter's Cloud Functions: this file only re-exports; each function lives in its own module. */
import './lib/options.ts';
export { onMessageCreated } from './messaging/onMessageCreated.ts';
export { onMessageUpdated } from './messaging/onMessageUpdated.ts';
export { openDirectChat } from './chats/openDirectChat.ts';
export { createGroup } from './chats/createGroup.ts';
export { updateGroup } from './chats/updateGroup.ts';
export { addMembers } from './chats/addMembers.ts';
export { removeMember } from './chats/removeMember.ts';
export { leaveChat } from './chats/leaveChat.ts';
export { setMemberRole } from './chats/setMemberRole.ts';
export { createInviteLink } from './chats/createInviteLink.ts';
export { revokeInviteLink } from './chats/revokeInviteLink.ts';
export { joinByInvite } from './chats/joinByInvite.ts';
export { onPresenceWritten } from './presence/onPresenceWritten.ts';
export { onAccountUpdated } from './presence/onAccountUpdated.ts';
