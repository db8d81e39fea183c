/**
 * The generated CommonJS entry: built from src/index.ts line by line, it must export every
 * function src/index.ts exports, load nothing until an export is read, and then load only that
 * export's module (what lets an instance evaluate one function).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations.
import { entrySource, readEntry } from '../build.mjs';

interface Entry {
  imports: string[];
  exports: { name: string; module: string }[];
}

const read = readEntry as (source: string) => Entry;
const generate = entrySource as (entry: Entry) => string;
const INDEX = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'index.ts'), 'utf8');

/** Evaluates a generated entry with a `require` that records what it loads. */
function load(source: string) {
  const required: string[] = [];
  const exports: Record<string, unknown> = {};
  const fakeRequire = (file: string) => {
    required.push(file);
    return new Proxy({}, { get: (_target, name) => `${String(name)} from ${file}` });
  };
  runInNewContext(source, { exports, require: fakeRequire });
  return { exports, required };
}

describe('the generated functions entry', () => {
  it('lists every function src/index.ts exports, options first', () => {
    const entry = read(INDEX);
    const exported = [...INDEX.matchAll(/^export \{ (\w+) \}/gm)].map((m) => m[1]);
    expect(entry.exports.map((e) => e.name)).toEqual(exported);
    expect(entry.imports).toEqual(['lib/options']);
  });

  it('loads nothing but the options until an export is read, then only that export\'s module', () => {
    const { exports, required } = load(generate(read(INDEX)));
    expect(required).toEqual(['./lib/options.mjs']);
    expect(exports.onMessageCreated).toBe('onMessageCreated from ./messaging/onMessageCreated.mjs');
    expect(required).toEqual(['./lib/options.mjs', './messaging/onMessageCreated.mjs']);
    expect(Object.keys(exports)).toHaveLength(read(INDEX).exports.length);
  });

  it('refuses a line it cannot turn into a lazy export', () => {
    expect(() => read("export { a } from './a.ts';\nexport const b = 1;\n")).toThrow(/index.ts:2:/);
    expect(() => read("export { a, b } from './a.ts';\n")).toThrow(/expected/);
    expect(() => read("export { a } from './a.ts';\nimport './late.ts';\n")).toThrow(/expected/);
    expect(read("// comment\nimport './lib/options.ts';\nexport { a } from './x/a.ts';\n")).toEqual({
      imports: ['lib/options'],
      exports: [{ name: 'a', module: 'x/a' }],
    });
  });
});
