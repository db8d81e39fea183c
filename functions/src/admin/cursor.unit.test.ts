import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ServiceError } from './errors.ts';

const schema = z.strictObject({ id: z.string() });

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
    let error: unknown;
    try {
      decodeCursor(cursor, schema);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ kind: 'invalid', field: 'cursor' });
  });
});
