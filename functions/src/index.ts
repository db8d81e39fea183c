/**
 * Natter's Cloud Functions, by product area. This file only re-exports; each function is defined
 * in a small wiring module that loads its handler on first call. The build turns this list into
 * lib/index.js, where each export is loaded on first access (see functions/build.mjs), so an
 * instance evaluates only the function it serves.
 */
import './lib/options.ts';

// Messaging: server fields, coalesced chat summaries and edits of messages clients write.
export { onMessageCreated } from './messaging/onMessageCreated.ts';
export { onMessageUpdated } from './messaging/onMessageUpdated.ts';
export { summariseChatLater } from './messaging/summariseChatLater.ts';

// Chats: direct chats, groups, membership, roles and invite links (callables).
export { openDirectChat } from './chats/functions.ts';
export { createGroup } from './chats/functions.ts';
export { updateGroup } from './chats/functions.ts';
export { addMembers } from './chats/functions.ts';
export { removeMember } from './chats/functions.ts';
export { leaveChat } from './chats/functions.ts';
export { setMemberRole } from './chats/functions.ts';
export { createInviteLink } from './chats/functions.ts';
export { revokeInviteLink } from './chats/functions.ts';
export { joinByInvite } from './chats/functions.ts';

// Scheduled messages: the callables and the task worker that posts them.
export { scheduleMessage } from './scheduled/functions.ts';
export { cancelScheduledMessage } from './scheduled/functions.ts';
export { postScheduledMessage } from './scheduled/postScheduledMessage.ts';

// Push notifications: the task worker.
export { sendMessageNotifications } from './notifications/sendMessageNotifications.ts';

// Sign-in and accounts: email flows (callables) and the Auth user lifecycle.
export { requestEmailCode } from './auth/functions.ts';
export { verifyEmailCode } from './auth/functions.ts';
export { sendSignInLink } from './auth/functions.ts';
export { sendPasswordReset } from './auth/functions.ts';
export { sendVerificationEmail } from './auth/functions.ts';
export { onUserCreated } from './users/onUserCreated.ts';
export { onUserDeleted } from './users/onUserDeleted.ts';
export { onProfileUpdated } from './users/onProfileUpdated.ts';

// Presence: the Realtime Database status mirrored to profiles.
export { onPresenceWritten } from './presence/onPresenceWritten.ts';
export { onAccountUpdated } from './presence/onAccountUpdated.ts';

// Moderation and administration: reports, the admin REST API and the staff callables.
export { onReportCreated } from './moderation/onReportCreated.ts';
export { api } from './admin/api.ts';
export { setUserRole } from './admin/setUserRole.ts';
export { banUser } from './admin/banUser.ts';
export { unbanUser } from './admin/unbanUser.ts';
export { liftExpiredBans } from './admin/liftExpiredBans.ts';

// Housekeeping crons.
export { purgeExpiredMessages } from './crons/functions.ts';
export { purgeExpiredAuthRecords } from './crons/functions.ts';
export { markStalePresenceOffline } from './crons/functions.ts';
export { rollDailyStats } from './crons/functions.ts';
export { removeOrphanedMedia } from './crons/functions.ts';
export { pruneStaleDevices } from './crons/functions.ts';
