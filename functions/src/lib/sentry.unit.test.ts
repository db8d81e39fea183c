/**
 * Error reporting end to end, in-process: the real `@sentry/node` client, initialised by the
 * wrapper from the SENTRY_DSN param, sends to an HTTP listener on loopback standing in for Sentry.
 * Failures are thrown inside a real callable (the `authedCallable` wiring) and a real task worker
 * (`runTask`), with secrets planted in the input, the headers and the error message.
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { authedCallable } from './callable.ts';
import { runTask, type QueueDefinition } from './taskWorker.ts';

interface Received {
  url: string;
  body: string;
}

const received: Received[] = [];
let server: Server;

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSIsImVtYWlsIjoiYW5hQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJl';
const FCM_TOKEN = 'fcm:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJhMMoZRWKb8ZyfDUHm5nUlNhfjgUtmT5aA4pq';
const PLANTED = {
  code: '482913',
  email: 'ana.alvarez@example.com',
  link: 'https://natter.example/__/auth/action?mode=signIn&oobCode=SECRETOOBCODE',
  oobCode: 'SECRETOOBCODE',
  jwt: JWT,
  fcmToken: FCM_TOKEN,
  cookie: 'session=SESSIONSECRET',
  ip: '203.0.113.77',
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      received.push({ url: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('listener has no port');
  process.env.SENTRY_DSN = `http://publickey@127.0.0.1:${address.port}/1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

function callableRequest(data: unknown): CallableRequest<unknown> {
  const request = {
    data,
    auth: { uid: 'u1', token: { uid: 'u1', email: PLANTED.email } },
    rawRequest: {
      ip: PLANTED.ip,
      headers: {
        authorization: `Bearer ${PLANTED.jwt}`,
        cookie: PLANTED.cookie,
        'x-forwarded-for': PLANTED.ip,
        'x-cloud-trace-context': 'trace0123456789/1;o=1',
        'content-type': 'application/json',
      },
    },
    acceptsStreaming: false,
  };
  return request as unknown as CallableRequest<unknown>;
}

function expectNoPlantedValues(body: string) {
  for (const [name, value] of Object.entries(PLANTED)) {
    expect(body, `planted ${name} reached Sentry`).not.toContain(value);
  }
  expect(body).not.toContain('Bearer');
}

function events(): Received[] {
  return received.filter((r) => r.url.startsWith('/api/1/envelope/'));
}

describe('Sentry error reporting', () => {
  it('a callable that throws sends one scrubbed envelope naming the function and the request', async () => {
    const failing = authedCallable('scheduleMessage', async () => {
      await Promise.resolve();
      throw new Error(`could not schedule for ${PLANTED.email} with code ${PLANTED.code} via ${PLANTED.link} to ${PLANTED.fcmToken}`);
    });
    const input = { chatId: 'chat-1', text: `code ${PLANTED.code} for ${PLANTED.email}: ${PLANTED.link}`, sendAt: '2030-01-01T00:00:00Z' };

    const call = failing.run(callableRequest(input));
    await expect(call).rejects.toBeInstanceOf(HttpsError);
    await expect(call).rejects.toMatchObject({ code: 'internal', message: 'Internal error.' });

    const sent = events();
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body ?? '';
    expect(body).toContain('"function":"scheduleMessage"');
    expect(body).toContain('"event_id":"trace0123456789"');
    expect(body).toContain('could not schedule for [email] with code [code]');
    expect(body).toContain('"content-type":"application/json"');
    expectNoPlantedValues(body);
  });

  it('a callable failing with an expected HttpsError sends nothing (negative control, same wiring)', async () => {
    const refusing = authedCallable('scheduleMessage', async () => {
      await Promise.resolve();
      throw new HttpsError('permission-denied', 'You are not a member of this chat.');
    });
    const input = { chatId: 'chat-1', text: 'hello', sendAt: '2030-01-01T00:00:00Z' };
    await expect(refusing.run(callableRequest(input))).rejects.toMatchObject({ code: 'permission-denied' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events()).toHaveLength(0);
  });

  it('a task worker that throws sends one scrubbed envelope with the task id and asks for a retry', async () => {
    const queue: QueueDefinition<{ email: string; note: string }> = {
      name: 'sentryProbeQueue',
      schema: z.strictObject({ email: z.string(), note: z.string() }),
      key: () => 'probe',
      retryConfig: { maxAttempts: 5, minBackoffSeconds: 1, maxBackoffSeconds: 10, maxDoublings: 2 },
      rateLimits: { maxConcurrentDispatches: 1, maxDispatchesPerSecond: 1 },
      timeoutSeconds: 10,
    };
    const attempt = runTask(
      queue,
      async (data) => {
        await Promise.resolve();
        throw new Error(`token ${PLANTED.fcmToken} for ${data.email} rejected`);
      },
      {
        id: 'task-7f3a',
        retryCount: 0,
        data: { email: PLANTED.email, note: `otp ${PLANTED.code}` },
        headers: { authorization: `Bearer ${PLANTED.jwt}`, cookie: PLANTED.cookie },
      },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'internal' });

    const sent = events();
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body ?? '';
    expect(body).toContain('"function":"sentryProbeQueue"');
    expect(body).toContain('"event_id":"task-7f3a"');
    expectNoPlantedValues(body);
  });
});
