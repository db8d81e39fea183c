/**
 * Error reporting: `@sentry/node` is imported and initialised once per instance, and only when the
 * SENTRY_DSN param is set. Every event passes the scrubber (`scrub.ts`) before it leaves, and the
 * SDK collects no personal data itself: `@sentry/node` 11 replaced `sendDefaultPii: false` with
 * the finer `dataCollection` options, all switched off here (user info, cookies, headers, bodies,
 * query strings, local variables).
 */
import type * as SentryNode from '@sentry/node';
import { SENTRY_DSN } from './params.ts';
import { scrubBreadcrumb, scrubEvent } from './scrub.ts';

type SentryModule = typeof SentryNode;

export interface ReportContext {
  /** The exported function name, e.g. `sendMessageNotifications`. */
  function: string;
  /** The event, task or request id this invocation handled. */
  eventId: string;
  /** The invocation's input (task data, callable input); scrubbed before sending. */
  data?: unknown;
  /** The incoming request's headers, when there was one; authorization and cookies are dropped. */
  headers?: Record<string, unknown>;
}

const NO_DATA_COLLECTION: NonNullable<SentryNode.NodeOptions['dataCollection']> = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [],
  urlQueryParams: false,
  graphQL: { document: false, variables: false },
  genAI: { inputs: false, outputs: false },
  mcp: { inputs: false, outputs: false },
  databaseQueryData: false,
  queues: false,
  stackFrameVariables: false,
  frameContextLines: 0,
};

let reporter: Promise<SentryModule | null> | undefined;

/** The initialised Sentry SDK, or null when no DSN is configured. */
export function errorReporter(): Promise<SentryModule | null> {
  reporter ??= initialise().catch(() => null);
  return reporter;
}

async function initialise(): Promise<SentryModule | null> {
  const dsn = SENTRY_DSN.value().trim();
  if (!dsn) return null;
  const Sentry = await import('@sentry/node');
  Sentry.initWithoutDefaultIntegrations({
    dsn,
    dataCollection: NO_DATA_COLLECTION,
    environment: process.env.GCLOUD_PROJECT ?? 'unknown',
    integrations: [Sentry.linkedErrorsIntegration()],
    maxBreadcrumbs: 20,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  });
  return Sentry;
}

/** Sends one error with the function name and event id as tags, and waits until it is delivered. */
export async function captureError(error: unknown, context: ReportContext): Promise<void> {
  try {
    const Sentry = await errorReporter();
    if (!Sentry) return;
    Sentry.withScope((scope) => {
      scope.setTags({ function: context.function, event_id: context.eventId });
      if (context.data !== undefined) scope.setExtra('data', context.data);
      const headers = context.headers;
      if (headers) scope.addEventProcessor((event) => ({ ...event, request: { ...event.request, headers: stringHeaders(headers) } }));
      Sentry.captureException(error);
    });
    await Sentry.flush(2_000);
  } catch {
    // Reporting must never turn into a second failure.
  }
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}
