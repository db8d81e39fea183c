/** Natter's Cloud Functions: this file only re-exports; each function lives in its own module. */
import './lib/options.ts';
export { onMessageCreated } from './messaging/onMessageCreated.ts';

// Background work (issue 6): push notifications, scheduled messages, crons.
export { sendMessageNotifications } from './notifications/sendMessageNotifications.ts';
export { scheduleMessage } from './scheduled/scheduleMessage.ts';
export { cancelScheduledMessage } from './scheduled/cancelScheduledMessage.ts';
export { postScheduledMessage } from './scheduled/postScheduledMessage.ts';
export { purgeExpiredMessages } from './crons/purgeExpiredMessages.ts';
export { purgeExpiredAuthRecords } from './crons/purgeExpiredAuthRecords.ts';
export { markStalePresenceOffline } from './crons/markStalePresenceOffline.ts';
export { rollDailyStats } from './crons/rollDailyStats.ts';
export { removeOrphanedMedia } from './crons/removeOrphanedMedia.ts';
