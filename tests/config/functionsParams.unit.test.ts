/**
 * The Functions emulator prompts (and without a terminal hangs) for any param no dotenv file sets,
 * and asks Secret Manager for any secret `.secret.local` lacks: every declared param needs a local
 * value, or `npm start` and `npm test` stall with no clear error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredParams } from 'firebase-functions/params';
import '../../functions/src/lib/params.ts';
import { LOCAL_SECRETS, offsetParams } from '../../scripts/lib/functions-local-config.mjs';
import { ROOT } from '../support/env.ts';

function dotenvKeys(file: string): Set<string> {
  const text = readFileSync(path.join(ROOT, 'functions', file), 'utf8');
  return new Set([...text.matchAll(/^\s*([A-Z_][A-Z0-9_]*)\s*=/gm)].map((m) => m[1] ?? ''));
}

describe('functions params have local values', () => {
  const declared = declaredParams.map((p) => ({ name: p.name, secret: p.constructor.name === 'SecretParam' }));

  it('sets every non-secret param in functions/.env.demo-natter', () => {
    const keys = dotenvKeys('.env.demo-natter');
    const missing = declared.filter((p) => !p.secret && !keys.has(p.name)).map((p) => p.name);
    expect(declared.length).toBeGreaterThan(5);
    expect(missing, 'add these to functions/.env.demo-natter').toEqual([]);
  });

  it('generates every secret into functions/.secret.local', () => {
    const missing = declared.filter((p) => p.secret && !(p.name in LOCAL_SECRETS)).map((p) => p.name);
    expect(declared.some((p) => p.secret)).toBe(true);
    expect(missing, 'add these to LOCAL_SECRETS in scripts/lib/functions-local-config.mjs').toEqual([]);
  });

  it('only overrides declared params in the generated .env.local', () => {
    const names = new Set(declared.map((p) => p.name));
    expect(Object.keys(offsetParams()).filter((key) => !names.has(key))).toEqual([]);
  });
});
