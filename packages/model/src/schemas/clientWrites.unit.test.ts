import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../limits.ts';
import { MEMBER_CLIENT_FIELDS, memberUpdateSchema } from './chats.ts';
import { MESSAGE_CLIENT_FIELDS, mediaFitsKind, mediaPathFits, newMessageSchema } from './messages.ts';
import { REPORT_CLIENT_FIELDS, newReportSchema } from './moderation.ts';
import { chatMediaMetadata } from './storage.ts';
import { DEVICE_FIELDS, PROFILE_CLIENT_FIELDS, deviceSchema, profileUpdate, profileUpdateSchema } from './users.ts';

const sorted = (keys: Iterable<string>) => [...keys].sort();

describe('client field lists (the rules spell the same lists)', () => {
  it('match the schemas they describe', () => {
    expect(sorted(PROFILE_CLIENT_FIELDS)).toEqual(sorted(Object.keys(profileUpdateSchema.shape)));
    expect(sorted(MEMBER_CLIENT_FIELDS)).toEqual(sorted(Object.keys(memberUpdateSchema.shape)));
    expect(sorted(MESSAGE_CLIENT_FIELDS)).toEqual(sorted([...Object.keys(newMessageSchema.shape), 'createdAt']));
    expect(sorted(DEVICE_FIELDS)).toEqual(sorted(Object.keys(deviceSchema.shape)));
    expect(sorted(REPORT_CLIENT_FIELDS)).toEqual(sorted([...Object.keys(newReportSchema.shape), 'createdAt']));
  });
});

describe('profileUpdate', () => {
  it('adds the lowercase search key when the name changes', () => {
    expect(profileUpdate({ displayName: '  Ana Álvarez ' })).toEqual({ displayName: 'Ana Álvarez', displayNameLower: 'ana álvarez' });
  });
  it('leaves other changes alone and rejects unknown fields, naming them', () => {
    expect(profileUpdate({ about: 'hi' })).toEqual({ about: 'hi' });
    expect(() => profileUpdate({ about: 'hi', online: true } as never)).toThrow(/online/);
  });
});

describe('media per kind', () => {
  const media = (contentType: string, size: number) => ({ path: 'chats/c/m/f', contentType, size, name: 'f' });

  it('enforces each kind’s content type and size, as Storage rules do', () => {
    expect(mediaFitsKind('image', media('image/png', MEDIA_LIMITS.image.maxBytes))).toBe(true);
    expect(mediaFitsKind('image', media('image/png', MEDIA_LIMITS.image.maxBytes + 1))).toBe(false);
    expect(mediaFitsKind('image', media('video/mp4', 10))).toBe(false);
    expect(mediaFitsKind('file', media('application/pdf', 10))).toBe(true);
  });

  it('rejects a new message whose media does not fit its type, naming the field', () => {
    const base = { senderId: 'u', text: '' };
    expect(newMessageSchema.safeParse({ ...base, type: 'image', media: media('image/jpeg', 100) }).success).toBe(true);
    const wrong = newMessageSchema.safeParse({ ...base, type: 'image', media: media('application/pdf', 100) });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['media']);
  });

  it('checks a media path belongs to the message', () => {
    expect(mediaPathFits('chats/c1/m1/photo.jpg', 'c1', 'm1')).toBe(true);
    expect(mediaPathFits('chats/c2/m1/photo.jpg', 'c1', 'm1')).toBe(false);
    expect(mediaPathFits('chats/c1/m1/a/b.jpg', 'c1', 'm1')).toBe(false);
  });

  it('builds upload metadata only for a content type the kind allows', () => {
    expect(chatMediaMetadata('audio', 'audio/ogg')).toEqual({ contentType: 'audio/ogg', customMetadata: { kind: 'audio' } });
    expect(chatMediaMetadata('audio', 'image/png')).toBeNull();
  });
});

describe('newReportSchema', () => {
  it('starts every report open', () => {
    const report = newReportSchema.parse({ reporterId: 'a', target: { type: 'user', uid: 'b' }, reason: 'spam' });
    expect(report.status).toBe('open');
    expect(newReportSchema.safeParse({ reporterId: 'a', target: { type: 'user', uid: 'b' }, reason: 'spam', status: 'actioned' }).success).toBe(false);
  });
});
