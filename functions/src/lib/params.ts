/**
 * Every deploy-time parameter and secret, declared once with a description. `.value()` is read
 * only inside handlers; secrets are bound to the functions that use them with `{ secrets: [...] }`.
 */
import { defineString } from 'firebase-functions/params';

/** Public base URL of the web client, used in links Natter sends (invites, sign-in). */
export const WEB_APP_URL = defineString('WEB_APP_URL', {
  default: 'http://localhost:5173',
  description: 'Public URL of the Natter web client',
});

/** Sentry DSN for error reports; empty turns error reporting off (the default, and always locally). */
export const SENTRY_DSN = defineString('SENTRY_DSN', {
  default: '',
  description: 'Sentry DSN for error reports (empty: off)',
});
