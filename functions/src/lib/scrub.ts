/**
 * Removes secrets and personal data from text and from error-report events before they leave the
 * instance: one-time codes, links (sign-in and reset links carry codes), tokens (ID tokens, FCM
 * registration tokens, API keys), email addresses and authorization headers. Pure: no SDK imports.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const LINK = /\b(?:https?|wss?|ftp):\/\/[^\s"'<>]+/gi;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** `oobCode=...`, `code: 123456`, `token=...`, `apiKey=...` and the like inside free text. */
const SECRET_ASSIGNMENT = /\b(oobCode|code|otp|token|idToken|refreshToken|apiKey|api_key|key|password|secret|signature|sig)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;
/** Long opaque strings: FCM tokens (~150 chars with `:`), API keys (39), session ids. */
const LONG_TOKEN = /[A-Za-z0-9_\-:.]{40,}/g;
/** Six-digit one-time codes (Natter's email codes); longer digit runs are left alone. */
const SIX_DIGITS = /(?<![\d.])\d{6}(?![\d.])/g;

export const FILTERED = '[Filtered]';

export function scrubText(text: string): string {
  return text
    .replace(LINK, '[link]')
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [token]')
    .replace(JWT, '[token]')
    .replace(SECRET_ASSIGNMENT, `$1$2${FILTERED}`)
    .replace(LONG_TOKEN, '[token]')
    .replace(SIX_DIGITS, '[code]');
}

/** Keys whose values are never sent, whatever they look like. */
const SENSITIVE_KEY = /pass|secret|token|auth|cookie|session|code|otp|email|link|url|dsn|key|signature|credential|ip_?address|phone/i;

/** Recursively scrubs a JSON-like value; values under sensitive keys are replaced outright. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return FILTERED;
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) ? FILTERED : scrubValue(inner, depth + 1);
    }
    return out;
  }
  return value;
}

/** Request headers that are dropped entirely rather than scrubbed. */
const DROPPED_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-firebase-appcheck|x-goog-iap-jwt-assertion|x-forwarded-for|x-real-ip|forwarded)$/i;

export function scrubHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (DROPPED_HEADERS.test(name)) continue;
    out[name] = SENSITIVE_KEY.test(name) ? FILTERED : scrubText(Array.isArray(value) ? value.join(', ') : String(value));
  }
  return out;
}

/** Tags Natter sets itself with known-safe values (function names, event ids); kept verbatim. */
const TRUSTED_TAGS = new Set(['function', 'event_id', 'queue']);

/**
 * The subset of a Sentry event the scrubber touches, structurally typed so this module needs no
 * Sentry import. Everything that can carry user text is rewritten; `user` keeps only its id.
 */
export interface ScrubbableEvent {
  message?: string;
  exception?: { values?: { value?: string; stacktrace?: { frames?: { vars?: unknown }[] } }[] };
  breadcrumbs?: { message?: string; data?: unknown }[];
  request?: { url?: string; query_string?: unknown; headers?: Record<string, string>; data?: unknown; cookies?: unknown; env?: unknown };
  extra?: Record<string, unknown>;
  contexts?: Record<string, unknown>;
  tags?: Record<string, unknown>;
  user?: { id?: string | number } & Record<string, unknown>;
  transaction?: string;
}

export function scrubEvent<E extends ScrubbableEvent>(event: E): E {
  if (event.message) event.message = scrubText(event.message);
  if (event.transaction) event.transaction = scrubText(event.transaction);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value);
    for (const frame of exception.stacktrace?.frames ?? []) delete frame.vars;
  }
  if (event.breadcrumbs) event.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  if (event.request) {
    const request = event.request;
    delete request.cookies;
    delete request.env;
    if (request.url) request.url = request.url.split('?')[0] ?? '';
    if (request.query_string !== undefined) request.query_string = FILTERED;
    if (request.headers) request.headers = scrubHeaders(request.headers);
    if (request.data !== undefined) request.data = scrubValue(request.data);
  }
  if (event.extra) event.extra = scrubValue(event.extra) as Record<string, unknown>;
  if (event.contexts) event.contexts = scrubValue(event.contexts) as Record<string, unknown>;
  if (event.tags) {
    event.tags = Object.fromEntries(
      Object.entries(event.tags).map(([key, value]) => [key, TRUSTED_TAGS.has(key) ? value : scrubValue(value)]),
    );
  }
  if (event.user) event.user = event.user.id === undefined ? {} : { id: event.user.id };
  return event;
}

export function scrubBreadcrumb<B extends { message?: string; data?: unknown }>(breadcrumb: B): B {
  if (breadcrumb.message) breadcrumb.message = scrubText(breadcrumb.message);
  if (breadcrumb.data !== undefined) breadcrumb.data = scrubValue(breadcrumb.data);
  return breadcrumb;
}
