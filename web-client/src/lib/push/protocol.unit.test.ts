import { describe, expect, it } from 'vitest';
import { pushMessage } from '../../../../functions/src/notifications/planPush.ts';
import { chatUrl, readPushPayload, readWorkerMessage } from './protocol.ts';

/** What FCM hands a web push subscriber for the server's request: its notification and data, plus FCM's own keys. */
function asDelivered(request: ReturnType<typeof pushMessage>) {
  return { notification: { ...request.notification, ...request.webpush.notification }, data: request.data, from: '1234', fcmMessageId: 'fcm-1', priority: 'high' };
}

describe('readPushPayload', () => {
  it("reads the server's own request as FCM delivers it, tagged with the chat id", () => {
    const request = pushMessage('token-1', { content: { title: 'Ana', body: 'See you at 8' }, messageId: 'm1', count: 1 }, 'a_b');
    expect(readPushPayload(asDelivered(request))).toEqual({ title: 'Ana', body: 'See you at 8', chatId: 'a_b', messageId: 'm1', tag: 'a_b' });
  });

  it('falls back to the chat id as tag and an empty body', () => {
    expect(readPushPayload({ notification: { title: 'Group' }, data: { type: 'message', chatId: 'g1', messageId: 'm2' } })).toMatchObject({ body: '', tag: 'g1' });
  });

  it('ignores pushes that are not Natter message pushes', () => {
    expect(readPushPayload(null)).toBeNull();
    expect(readPushPayload('hello')).toBeNull();
    expect(readPushPayload({ notification: { title: 'x' }, data: { type: 'other', chatId: 'g1', messageId: 'm' } })).toBeNull();
    expect(readPushPayload({ notification: { title: '' }, data: { type: 'message', chatId: 'g1', messageId: 'm' } })).toBeNull();
    expect(readPushPayload({ notification: { title: 'x' }, data: { type: 'message', messageId: 'm' } })).toBeNull();
  });
});

describe('worker messages', () => {
  it('accepts the two kinds the worker posts and nothing else', () => {
    const notice = { title: 'Ana', body: 'hi', chatId: 'c', messageId: 'm', tag: 'c' };
    expect(readWorkerMessage({ kind: 'natter-push', notice })).toEqual({ kind: 'natter-push', notice });
    expect(readWorkerMessage({ kind: 'natter-open-chat', chatId: 'c' })).toEqual({ kind: 'natter-open-chat', chatId: 'c' });
    expect(readWorkerMessage({ kind: 'natter-push', notice: { ...notice, body: 1 } })).toBeNull();
    expect(readWorkerMessage({ kind: 'natter-open-chat', chatId: '' })).toBeNull();
    expect(readWorkerMessage({ isFirebaseMessaging: true })).toBeNull();
  });

  it('builds the app URL that opens a chat', () => {
    expect(chatUrl('http://localhost:5173', 'a_b')).toBe('http://localhost:5173/?chat=a_b');
    expect(chatUrl('https://natter.example', 'x/y')).toBe('https://natter.example/?chat=x%2Fy');
  });
});
