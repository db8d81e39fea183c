import { describe, expect, it } from 'vitest';
import { EMAIL_CODE_MAX_ATTEMPTS } from '@natter/model';
import { codeHash, digestsEqual, emailKey, generateCode, ipKey, judgeGuess } from './codes.ts';

const PEPPER = 'unit-test-pepper-0123456789abcdef';

describe('generateCode', () => {
  it('gives six digits, leading zeros included, spread over the whole range', () => {
    const codes = Array.from({ length: 20_000 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    // Each leading digit should appear about 10% of the time (2000 +- a generous margin).
    const firstDigits = new Map<string, number>();
    for (const code of codes) firstDigits.set(code[0] ?? '', (firstDigits.get(code[0] ?? '') ?? 0) + 1);
    expect(firstDigits.size).toBe(10);
    for (const count of firstDigits.values()) expect(count).toBeGreaterThan(1_600);
    expect(new Set(codes).size).toBeGreaterThan(19_000);
  });
});

describe('keyed hashes', () => {
  it('are stable for one pepper, differ across peppers, purposes and addresses, and never contain the input', () => {
    const key = emailKey(PEPPER, 'ana@natter.test');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(emailKey(PEPPER, 'ana@natter.test')).toBe(key);
    expect(emailKey(`${PEPPER}x`, 'ana@natter.test')).not.toBe(key);
    expect(emailKey(PEPPER, 'ben@natter.test')).not.toBe(key);
    expect(ipKey(PEPPER, 'ana@natter.test')).not.toBe(key);
    const hash = codeHash(PEPPER, key, '123456');
    expect(hash).not.toContain('123456');
    expect(codeHash(PEPPER, emailKey(PEPPER, 'ben@natter.test'), '123456')).not.toBe(hash);
  });

  it('refuse a missing or short pepper instead of hashing with it', () => {
    expect(() => emailKey('', 'ana@natter.test')).toThrow(/AUTH_CODE_PEPPER/);
    expect(() => codeHash('short', 'k', '123456')).toThrow(/AUTH_CODE_PEPPER/);
  });
});

describe('digestsEqual', () => {
  it('compares hex digests, refusing different lengths and empty input', () => {
    const a = codeHash(PEPPER, 'k', '111111');
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, codeHash(PEPPER, 'k', '111112'))).toBe(false);
    expect(digestsEqual(a, a.slice(0, 62))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });
});

describe('judgeGuess', () => {
  const now = 1_000_000;
  const right = codeHash(PEPPER, 'k', '123456');
  const wrong = codeHash(PEPPER, 'k', '654321');
  const stored = (over: Partial<{ attempts: number; expiresAtMs: number }> = {}) => ({ codeHash: right, attempts: 0, expiresAtMs: now + 1, ...over });

  it.each([
    ['the right code before expiry', stored(), right, { kind: 'accepted' }],
    ['the right code at the expiry instant', stored({ expiresAtMs: now }), right, { kind: 'no-code', reason: 'expired', deleteRecord: true }],
    ['no code on record', null, right, { kind: 'no-code', reason: 'missing', deleteRecord: false }],
    ['a wrong code', stored(), wrong, { kind: 'wrong', attempts: 1, deleteRecord: false }],
    ['the last allowed wrong code', stored({ attempts: EMAIL_CODE_MAX_ATTEMPTS - 1 }), wrong, { kind: 'wrong', attempts: EMAIL_CODE_MAX_ATTEMPTS, deleteRecord: true }],
    ['the right code after the attempts ran out', stored({ attempts: EMAIL_CODE_MAX_ATTEMPTS }), right, { kind: 'no-code', reason: 'locked', deleteRecord: true }],
  ])('%s', (_name, record, guess, expected) => {
    expect(judgeGuess(record, guess, now)).toEqual(expected);
  });
});
