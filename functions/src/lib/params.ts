/**
 * Every deploy-time parameter and secret, declared once with a description. `.value()` is read
 * only inside handlers; secrets are bound to the functions that use them with `{ secrets: [...] }`.
 */
import { defineInt, defineList, defineString } from 'firebase-functions/params';

/** Public base URL of the web client, used in links Natter sends (invites, sign-in). */
export const WEB_APP_URL = defineString('WEB_APP_URL', {
  default: 'http://localhost:5173',
  description: 'Public URL of the Natter web client',
});

/** Browser origins allowed to call the admin API (CORS); other origins get no CORS headers. */
export const ADMIN_API_CORS_ORIGINS = defineList('ADMIN_API_CORS_ORIGINS', {
  default: ['http://localhost:5173'],
  description: 'Origins allowed to call the admin REST API from a browser',
});

/** Admin API and admin callable calls allowed per staff member per minute. */
export const ADMIN_RATE_LIMIT_PER_MINUTE = defineInt('ADMIN_RATE_LIMIT_PER_MINUTE', {
  default: 600,
  description: 'Admin API and admin callable calls allowed per staff member per minute',
});
