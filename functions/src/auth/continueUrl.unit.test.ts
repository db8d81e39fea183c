import { describe, expect, it } from 'vitest';
import { isAllowedContinueUrl, parseAllowList } from './continueUrl.ts';

const allowed = parseAllowList('http://localhost:5173, https://natter.example/');

describe('parseAllowList', () => {
  it('keeps origins only and rejects non-http entries', () => {
    expect(allowed).toEqual(['http://localhost:5173', 'https://natter.example']);
    expect(() => parseAllowList('javascript:alert(1)')).toThrow();
    expect(() => parseAllowList('not a url')).toThrow();
  });
});

describe('isAllowedContinueUrl', () => {
  it.each([
    ['the dev server root', 'http://localhost:5173', true],
    ['a path and query on an allowed origin', 'https://natter.example/finish?x=1#y', true],
    ['another port', 'http://localhost:5174/', false],
    ['https instead of http', 'https://localhost:5173/', false],
    ['a look-alike host', 'http://localhost:5173.evil.test/', false],
    ['credentials before the host', 'http://localhost:5173@evil.test/', false],
    ['userinfo on an allowed host', 'https://user:pw@natter.example/', false],
    ['a subdomain', 'https://evil.natter.example/', false],
    ['garbage', 'not a url', false],
  ])('%s', (_name, url, expected) => {
    expect(isAllowedContinueUrl(url, allowed)).toBe(expected);
  });
});
