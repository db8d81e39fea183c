import { describe, expect, it } from 'vitest';
import { accountSchema, userProfileSchema } from '@natter/model';
import { FALLBACK_DISPLAY_NAME, displayNameFromEmail, initialAccount, initialProfile, tombstoneProfile } from './profile.ts';

const ts = { toMillis: () => 0 };

describe('displayNameFromEmail', () => {
  it.each([
    ['ana@natter.test', 'ana'],
    ['ana.alvarez+news@example.com', 'ana.alvarez'],
    [`${'x'.repeat(80)}@example.com`, 'x'.repeat(64)],
    ['+tag@example.com', null],
    [null, null],
  ])('%s -> %s', (email, expected) => {
    expect(displayNameFromEmail(email)).toBe(expected);
  });
});

describe('initial documents', () => {
  it('name a new user from the email local part and pass the model schemas', () => {
    const profile = initialProfile({ uid: 'u1', email: 'Ana.Alvarez@natter.test' }, ts);
    expect(profile).toMatchObject({ displayName: 'Ana.Alvarez', displayNameLower: 'ana.alvarez', about: '', photoURL: null });
    expect(userProfileSchema.safeParse(profile).success).toBe(true);
    const account = initialAccount({ uid: 'u1', email: 'ana@natter.test', emailVerified: true }, ts);
    expect(accountSchema.parse(account)).toMatchObject({ email: 'ana@natter.test', emailVerified: true, settings: { readReceipts: true } });
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
