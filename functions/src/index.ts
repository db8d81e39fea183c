/** Natter's Cloud Functions: this file only re-exports; each function lives in its own module. */
import './lib/options.ts';
export { onMessageCreated } from './messaging/onMessageCreated.ts';
export { api } from './admin/api.ts';
export { setUserRole } from './admin/setUserRole.ts';
export { banUser } from './admin/banUser.ts';
export { unbanUser } from './admin/unbanUser.ts';
export { liftExpiredBans } from './admin/liftExpiredBans.ts';
export { onReportCreated } from './moderation/onReportCreated.ts';
