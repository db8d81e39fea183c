import { describe, expect, it } from 'vitest';
import { FILTERED, scrubEvent, scrubHeaders, scrubText, scrubValue } from './scrub.ts';

const FCM_TOKEN = 'dQw4w9WgXcQ:APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ-hMMoZRWKb8ZyfDUHm5nUlNhfjgUtmT5aA4pq-Dh5sH2eWkRq5KXmlhL1vEo9nNyXQ';
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJzdWIiOiJ1c2VyLTEiLCJlbWFpbCI6ImFuYUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLXZhbHVl';

describe('scrubText', () => {
  // Each row: a planted secret in context, the secret itself, and the placeholder expected instead.
  const rows: [string, string, string][] = [
    ['code 482913 was wrong', '482913', '[code]'],
    ['sign in at https://natter.example/auth?oobCode=AbC123xyz&mode=signIn now', 'oobCode=AbC123xyz', '[link]'],
    ['mail ana.alvarez+test@example.com failed', 'ana.alvarez+test@example.com', '[email]'],
    ['header Bearer abc.def-ghi was rejected', 'abc.def-ghi', 'Bearer [token]'],
    [`id token ${JWT}`, JWT, '[token]'],
    [`device ${FCM_TOKEN} unregistered`, FCM_TOKEN, '[token]'],
    ['oobCode=QwErTy12 in the query', 'QwErTy12', `oobCode=${FILTERED}`],
    ['apiKey: AIzaSyD-short', 'AIzaSyD-short', `apiKey: ${FILTERED}`],
  ];
  it.each(rows)('removes the secret from %j', (text, secret, placeholder) => {
    const scrubbed = scrubText(text);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain(placeholder);
  });

  it('leaves ordinary text alone (positive control)', () => {
    expect(scrubText('chat c-12 has 3 members; seq 41 -> 42')).toBe('chat c-12 has 3 members; seq 41 -> 42');
    expect(scrubText('took 1234567 ms')).toBe('took 1234567 ms');
  });
});

describe('scrubValue', () => {
  it('filters values under sensitive keys and scrubs strings everywhere else', () => {
    const scrubbed = scrubValue({
      email: 'ana@example.com',
      code: '123456',
      continueUrl: 'https://natter.example/x',
      nested: { note: 'reach me at ben@example.com', count: 3, ok: true, list: ['code 654321'] },
      chatId: 'chat-1',
    });
    expect(scrubbed).toEqual({
      email: FILTERED,
      code: FILTERED,
      continueUrl: FILTERED,
      nested: { note: 'reach me at [email]', count: 3, ok: true, list: ['code [code]'] },
      chatId: 'chat-1',
    });
  });
});

describe('scrubHeaders', () => {
  it('drops authorization, cookies and client addresses, keeps harmless headers', () => {
    const headers = scrubHeaders({
      authorization: `Bearer ${JWT}`,
      cookie: 'session=abc',
      'x-forwarded-for': '203.0.113.7',
      'x-firebase-appcheck': 'token',
      'content-type': 'application/json',
      'user-agent': 'natter-web/1.0',
    });
    expect(headers).toEqual({ 'content-type': 'application/json', 'user-agent': 'natter-web/1.0' });
  });
});

describe('scrubEvent', () => {
  it('scrubs messages, exception values, breadcrumbs, request, extra and user, keeping trusted tags', () => {
    const event = scrubEvent({
      message: 'failed for ana@example.com',
      exception: { values: [{ value: 'code 111222 rejected', stacktrace: { frames: [{ vars: { password: 'hunter2' } }] } }] },
      breadcrumbs: [{ message: 'GET https://natter.example/?token=abc', data: { authorization: 'Bearer x' } }],
      request: { url: 'https://natter.example/call?email=a@b.co', query_string: 'email=a@b.co', headers: { Authorization: 'Bearer abc' }, cookies: { s: '1' }, data: { email: 'a@b.co' } },
      extra: { data: { token: FCM_TOKEN, chatId: 'c1' } },
      tags: { function: 'scheduleMessage', event_id: 'abc-123', other: 'ana@example.com' },
      user: { id: 'u1', email: 'ana@example.com', ip_address: '203.0.113.7' },
    });
    const json = JSON.stringify(event);
    for (const secret of ['ana@example.com', '111222', 'hunter2', 'token=abc', 'Bearer abc', 'a@b.co', FCM_TOKEN, '203.0.113.7']) {
      expect(json).not.toContain(secret);
    }
    expect(event.tags).toEqual({ function: 'scheduleMessage', event_id: 'abc-123', other: '[email]' });
    expect(event.user).toEqual({ id: 'u1' });
    // The function's own endpoint stays, without its query string.
    expect(event.request?.url).toBe('https://natter.example/call');
    expect(event.extra).toEqual({ data: { token: FILTERED, chatId: 'c1' } });
  });
});
