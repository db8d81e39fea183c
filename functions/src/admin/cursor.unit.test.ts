import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorIdSchema, decodeCursor, encodeCursor, messagePathSchema, timestampTupleSchema } from './cursor.ts';
import { ServiceError } from './errors.ts';

const schema = z.strictObject({ id: z.string() });
const pageSchema = z.strictObject({ at: timestampTupleSchema, id: cursorIdSchema });
const exportSchema = z.strictObject({ path: messagePathSchema });

describe('cursors', () => {
  it('round-trips what the API issued', () => {
    const cursor = encodeCursor({ id: 'user-9' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, schema)).toEqual({ id: 'user-9' });
  });

  it.each([
    ['not base64 JSON', 'zzzz'],
    ['JSON of another shape', encodeCursor({ id: 1 })],
    ['extra keys', encodeCursor({ id: 'a', admin: true })],
  ])('rejects %s as an invalid cursor field', (_label, cursor) => {
    expectCursorRefused(cursor, schema);
  });

  it('accepts timestamps at both ends of what Firestore stores', () => {
    for (const at of [[-62_135_596_800, 0], [253_402_300_799, 999_999_999]] as const) {
      expect(decodeCursor(encodeCursor({ at, id: 'r1' }), pageSchema)).toEqual({ at, id: 'r1' });
    }
  });

  // Each of these decodes to the right shape but would make `new Timestamp` or `startAfter` throw.
  it.each([
    ['seconds before year 1', encodeCursor({ at: [-62_135_596_801, 0], id: 'r1' }), pageSchema],
    ['seconds after year 9999', encodeCursor({ at: [253_402_300_800, 0], id: 'r1' }), pageSchema],
    ['seconds beyond a double', encodeCursor({ at: [1e300, 0], id: 'r1' }), pageSchema],
    ['a reserved document id', encodeCursor({ at: [0, 0], id: '__x__' }), pageSchema],
    ['a dot-dot document id', encodeCursor({ at: [0, 0], id: '..' }), pageSchema],
    ['a message path with a reserved chat id', encodeCursor({ path: 'chats/__x__/messages/m1' }), exportSchema],
    ['a message path with a reserved message id', encodeCursor({ path: 'chats/c1/messages/__x__' }), exportSchema],
    ['a path outside messages', encodeCursor({ path: 'users/u1' }), exportSchema],
  ])('rejects a cursor holding %s', (_label, cursor, target) => {
    expectCursorRefused(cursor, target);
  });

  function expectCursorRefused(cursor: string, target: z.ZodType): void {
    let error: unknown;
    try {
      decodeCursor(cursor, target);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ kind: 'invalid', field: 'cursor' });
  }
});
