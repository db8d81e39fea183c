/**
 * No import cycles among the functions' modules, type-only imports included: a value cycle makes
 * evaluation order depend on which module a runtime loads first (per-function loading makes that
 * different for every function), and a type cycle means two modules each own part of the other's
 * job. `import()` counts too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Relative modules a file names: imports and re-exports (type-only too) and `import()`. */
function relativeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*'(\.[^']+)'/gm)) found.push(match[1] ?? '');
  for (const match of source.matchAll(/^\s*import\s+'(\.[^']+)'/gm)) found.push(match[1] ?? '');
  for (const match of source.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)) found.push(match[1] ?? '');
  return found;
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets = relativeImports(readFileSync(file, 'utf8')).map((spec) => path.resolve(path.dirname(file), spec));
    edges.set(file, targets);
  }
  return edges;
}

function cycles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'active');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'active') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(SRC, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('functions import graph', () => {
  it('reads imports, type-only imports, re-exports and import(), not packages', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from './b.ts';",
      "import { type C, d } from './c.ts';",
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "import './g.ts';",
      "const h = () => import('./h.ts');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['./a.ts', './b.ts', './c.ts', './e.ts', './f.ts', './g.ts', './h.ts']);
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['/x/a.ts', ['/x/b.ts']],
      ['/x/b.ts', ['/x/a.ts']],
    ]);
    expect(cycles(edges)).toHaveLength(1);
  });

  it('has no cycles in functions/src', () => {
    expect(cycles(graph())).toEqual([]);
  });
});
