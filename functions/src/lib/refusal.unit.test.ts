import { describe, expect, it } from 'vitest';
import { HttpsError } from 'firebase-functions/v2/https';
import { toApiError } from '../admin/api/problem.ts';
import { ServiceError } from '../admin/errors.ts';
import { refusalsAsHttps } from './httpsErrors.ts';
import { Refusal, refuse } from './refusal.ts';

describe('one refusal type, translated at the edges', () => {
  it('reaches a callable client as the HttpsError with the same code, message and details', async () => {
    const thrown = await refusalsAsHttps(() => Promise.resolve(refuse('resource-exhausted', 'Too many attempts.', { retryAfterSeconds: 7 }))).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HttpsError);
    expect(thrown).toMatchObject({ code: 'resource-exhausted', message: 'Too many attempts.', details: { retryAfterSeconds: 7 } });
  });

  it('lets anything that is not a refusal through untouched (positive control: same call, another error)', async () => {
    const bug = new TypeError('x is undefined');
    await expect(refusalsAsHttps(() => Promise.reject(bug))).rejects.toBe(bug);
    await expect(refusalsAsHttps(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('reaches the REST API as problem JSON of the matching kind, Retry-After included', () => {
    const limited = toApiError(new Refusal('resource-exhausted', 'Too many attempts.', { retryAfterSeconds: 7 }));
    expect(limited).toMatchObject({ slug: 'rate-limited', status: 429, message: 'Too many attempts.', headers: { 'Retry-After': '7' } });
    expect(toApiError(new Refusal('not-found', 'No such chat.'))).toMatchObject({ slug: 'not-found', status: 404 });
    expect(toApiError(new Refusal('already-exists', 'Taken.'))).toMatchObject({ status: 409 });
  });

  it('keeps admin service errors refusals too, with their field', () => {
    const error = new ServiceError('invalid', 'must be in the future', { field: 'until' });
    expect(error).toBeInstanceOf(Refusal);
    expect(error).toMatchObject({ code: 'invalid-argument', details: { field: 'until' } });
    expect(toApiError(error, (field) => `body.${field}`)).toMatchObject({ status: 400, errors: [{ field: 'body.until', message: 'must be in the future' }] });
  });
});
