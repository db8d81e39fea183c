import { describe, expect, it } from 'vitest';
import { accountSchema, userProfileSchema } from '@natter/model';
import { FALLBACK_DISPLAY_NAME, initialAccount, initialProfile, tombstoneProfile } from './profile.ts';

const ts = { toMillis: () => 0 };

describe('initial documents', () => {
  it('never name a new user from their email, and pass the model schemas', () => {
    const profile = initialProfile({ uid: 'u1', email: 'Ana.Alvarez@natter.test' }, ts);
    expect(profile).toMatchObject({ displayName: FALLBACK_DISPLAY_NAME, displayNameLower: FALLBACK_DISPLAY_NAME.toLowerCase(), about: '', photoURL: null });
    expect(JSON.stringify(profile).toLowerCase()).not.toContain('alvarez');
    expect(userProfileSchema.safeParse(profile).success).toBe(true);
    const account = initialAccount({ uid: 'u1', email: 'ana@natter.test', emailVerified: true }, ts);
    expect(accountSchema.parse(account)).toMatchObject({ email: 'ana@natter.test', emailVerified: true, settings: { readReceipts: true } });
  });

  it.each([
    ['the address itself', 'ana.alvarez+news@example.com'],
    ['its local part', 'Ana.Alvarez'],
    ['any address', 'someone@else.test'],
  ])('ignore an Auth display name that is %s', (_label, displayName) => {
    expect(initialProfile({ uid: 'u', email: 'ana.alvarez+news@example.com', displayName }, ts).displayName).toBe(FALLBACK_DISPLAY_NAME);
  });

  it('prefer the Auth display name, fall back without an email, and drop non-https photos', () => {
    expect(initialProfile({ uid: 'u', email: 'a@b.c', displayName: ' Ana ' }, ts).displayName).toBe('Ana');
    expect(initialProfile({ uid: 'u' }, ts).displayName).toBe(FALLBACK_DISPLAY_NAME);
    expect(initialProfile({ uid: 'u', photoURL: 'http://x.test/a.png' }, ts).photoURL).toBeNull();
    expect(initialProfile({ uid: 'u', photoURL: 'https://x.test/a.png' }, ts).photoURL).toBe('https://x.test/a.png');
  });

  it('leave a tombstone that passes the profile schema and holds nothing personal', () => {
    const tombstone = tombstoneProfile('u1', ts);
    expect(userProfileSchema.parse(tombstone)).toMatchObject({ displayName: 'Deleted account', deleted: true, photoURL: null, about: '' });
  });
});
