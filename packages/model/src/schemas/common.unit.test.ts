import { describe, expect, it } from 'vitest';
import { describeIssues } from '../validation.ts';
import { callableSchemas } from './callables.ts';
import { chatIdSchema, docIdSchema, firestoreIdSchema, isoDateTimeSchema, uidSchema } from './common.ts';
import { inviteCodeSchema } from './invites.ts';

describe('ids Firestore reserves are refused by every id schema', () => {
  const reserved = ['__x__', '__proto__', '____', '__a/b__', '.', '..'];
  const fine = ['__x', 'x__', '___', 'u1', 'a.b', '...'];

  it.each([
    ['uid', uidSchema],
    ['chat id', chatIdSchema],
  ])('%s', (_label, schema) => {
    for (const id of reserved) expect(schema.safeParse(id).success, id).toBe(false);
    for (const id of fine) expect(schema.safeParse(id).success, id).toBe(true);
  });

  it('document ids and invite codes (URL-safe) refuse the reserved ones too', () => {
    expect(docIdSchema.safeParse('__x__').success).toBe(false);
    expect(docIdSchema.safeParse('_x_').success).toBe(true);
    expect(inviteCodeSchema.safeParse('__reserved__').success).toBe(false);
    expect(inviteCodeSchema.safeParse('_reserved_').success).toBe(true);
  });

  it('refuses ids over 1,500 bytes even within the character limit', () => {
    const schema = firestoreIdSchema(1_000);
    expect(schema.safeParse('😀'.repeat(375)).success).toBe(true);
    expect(schema.safeParse('😀'.repeat(376)).success).toBe(false);
  });

  it('names the field in the callable error', () => {
    const result = callableSchemas.joinByInvite.safeParse({ code: '__reserved__' });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/^Field 'code': .*reserve/);
    const members = callableSchemas.addMembers.safeParse({ chatId: 'c1', uids: ['u1', '__x__'] });
    if (!members.success) expect(describeIssues(members.error)).toMatch(/^Field 'uids\.1'/);
    expect(members.success).toBe(false);
  });
});

describe('dates are bounded to what a Firestore timestamp holds', () => {
  it.each([
    ['0001-01-01T00:00:00Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['2026-12-07T14:00:00+01:00', true],
    ['0000-12-31T23:59:59Z', false],
    ['0001-01-01T00:00:00+00:01', false],
    ['9999-12-31T23:59:59-23:59', false],
    ['0000-01-01T00:00:00Z', false],
  ])('%s -> %s', (value, ok) => {
    expect(isoDateTimeSchema.safeParse(value).success).toBe(ok);
  });

  it('is what banUser and scheduleMessage take', () => {
    expect(callableSchemas.banUser.safeParse({ uid: 'u1', reason: 'spam', until: '9999-12-31T23:59:59-23:59' }).success).toBe(false);
    expect(callableSchemas.banUser.safeParse({ uid: 'u1', reason: 'spam', until: '9999-12-31T23:59:59Z' }).success).toBe(true);
    expect(callableSchemas.scheduleMessage.safeParse({ chatId: 'c1', text: 'hi', sendAt: '0000-01-01T00:00:00Z' }).success).toBe(false);
  });
});
