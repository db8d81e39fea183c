/** Natter's Cloud Functions: this file only re-exports; each function lives in its own module. */
import './lib/options.ts';
export { onMessageCreated } from './messaging/onMessageCreated.ts';
export { requestEmailCode } from './auth/requestEmailCode.ts';
export { verifyEmailCode } from './auth/verifyEmailCode.ts';
export { sendSignInLink } from './auth/sendSignInLink.ts';
export { sendPasswordReset } from './auth/sendPasswordReset.ts';
export { sendVerificationEmail } from './auth/sendVerificationEmail.ts';
export { onUserCreated } from './users/onUserCreated.ts';
export { onUserDeleted } from './users/onUserDeleted.ts';
