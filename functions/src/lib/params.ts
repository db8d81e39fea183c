/**
 * Every deploy-time parameter and secret, declared once with a description. `.value()` is read
 * only inside handlers; secrets are bound to the functions that use them with `{ secrets: [...] }`.
 *
 * The Functions emulator prompts for any param that no dotenv file sets (even one with a default)
 * and hangs without a terminal, so every param here needs a line in `functions/.env.demo-natter`
 * (a unit test checks it). Secrets come from `functions/.secret.local` locally; see docs/auth.md.
 */
import { defineInt, defineList, defineSecret, defineString } from 'firebase-functions/params';

/** Public base URL of the web client, used in links Natter sends (invites, sign-in). */
export const WEB_APP_URL = defineString('WEB_APP_URL', {
  default: 'http://localhost:5173',
  description: 'Public URL of the Natter web client',
});

// --- Mail (one SMTP transport for every email Natter sends) ---

export const SMTP_HOST = defineString('SMTP_HOST', {
  default: '127.0.0.1',
  description: 'SMTP server host name (SES, Gmail, any SMTP relay)',
});

export const SMTP_PORT = defineInt('SMTP_PORT', {
  default: 1025,
  description: 'SMTP server port: 465 means implicit TLS, anything else STARTTLS when offered',
});

export const SMTP_USER = defineString('SMTP_USER', {
  default: '',
  description: 'SMTP user name; empty sends without authentication (local dev mailbox only)',
});

export const SMTP_FROM = defineString('SMTP_FROM', {
  default: 'Natter <no-reply@natter.test>',
  description: 'From header of every email Natter sends',
});

/** SMTP password for SMTP_USER; ignored when SMTP_USER is empty. */
export const SMTP_PASSWORD = defineSecret('SMTP_PASSWORD');

/** Secrets every function that mails binds. */
export const MAIL_SECRETS = [SMTP_PASSWORD];

// --- Sign-in flows ---

/** Key for HMAC-SHA256 of email codes and of addresses used as record ids; rotating it voids live codes. */
export const AUTH_CODE_PEPPER = defineSecret('AUTH_CODE_PEPPER');

/** Secrets every auth callable binds (the pepper keys every stored id). */
export const AUTH_SECRETS = [AUTH_CODE_PEPPER];

/** Secrets a function deleting user data must bind (the pepper finds the address's records). */
export const USER_DELETION_SECRETS = AUTH_SECRETS;

export const AUTH_CONTINUE_URL_ALLOWLIST = defineString('AUTH_CONTINUE_URL_ALLOWLIST', {
  default: 'http://localhost:5173,http://127.0.0.1:5173',
  description: 'Comma-separated origins a sign-in link may continue to (scheme://host[:port])',
});

export const AUTH_EMAIL_LIMITS = defineString('AUTH_EMAIL_LIMITS', {
  default: '1/60s,5/1h',
  description: 'Auth emails per address (or per account for verification), as max/window pairs',
});

export const AUTH_IP_LIMITS = defineString('AUTH_IP_LIMITS', {
  default: '20/1h',
  description: 'Auth callable calls per caller IP, as max/window pairs',
});

/**
 * How many proxies at the end of `X-Forwarded-For` Natter trusts. Google's front end appends the
 * address it saw, so 1 (the last entry) is right for functions reached directly; put an external
 * load balancer in front and it becomes 2. Anything left of that is written by the client.
 */
export const TRUSTED_PROXY_HOPS = defineInt('TRUSTED_PROXY_HOPS', {
  default: 1,
  description: 'Trailing X-Forwarded-For entries added by trusted proxies (1: Google front end only)',
});

export const AUTH_CODE_FAILURE_LIMITS = defineString('AUTH_CODE_FAILURE_LIMITS', {
  default: '10/1h',
  description: 'Wrong email codes per address before verification is refused, as max/window pairs',
});

// --- Admin API ---

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

// --- Error reporting ---

/** Sentry DSN for error reports; empty turns error reporting off (the default, and always locally). */
export const SENTRY_DSN = defineString('SENTRY_DSN', {
  default: '',
  description: 'Sentry DSN for error reports (empty: off)',
});
