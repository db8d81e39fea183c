/** The coverage summariser on a small synthetic report shaped like the Firestore emulator's. */
import { describe, expect, it } from 'vitest';
import { allowStatements, summarizeCoverage, type CoverageNode } from './firestore/coverage.ts';

const rules = [
  "rules_version = '2';",
  'service cloud.firestore {',
  '  match /databases/{database}/documents {',
  '    function signedIn() {',
  '      return request.auth != null;',
  '    }',
  '    // allow read: if commented;',
  '    match /a/{id} {',
  '      allow get: if signedIn();',
  '      allow list: if signedIn() && request.query.limit <= 10;',
  '      allow write: if false;',
  '    }',
  '  }',
  '}',
].join('\n');

const at = (text: string): number => rules.indexOf(text);
const node = (offset: number, values: CoverageNode['values'], children: CoverageNode[] = []): CoverageNode => ({
  sourcePosition: { line: 0, column: 0, currentOffset: offset, endOffset: offset },
  values,
  children,
});

describe('summarizeCoverage', () => {
  it('finds the allow statements in code, not in comments', () => {
    expect(allowStatements(rules).map((a) => [a.methods, a.condition])).toEqual([
      ['get', 'signedIn()'],
      ['list', 'signedIn() && request.query.limit <= 10'],
      ['write', 'false'],
    ]);
  });

  it('counts expressions, true and false outcomes, and names the allow conditions that never ran', () => {
    const report = [
      node(at('request.auth != null'), [{ value: { boolValue: true }, count: 3 }, { value: { boolValue: false }, count: 1 }]),
      node(at('signedIn();'), [{ value: { boolValue: true }, count: 2 }], [node(at('signedIn();'), [{ value: { boolValue: true }, count: 2 }])]),
      node(at('signedIn() && request.query'), [{ value: { undefined: {} }, count: 4 }]),
    ];
    const summary = summarizeCoverage({ rules: { files: [{ content: rules }] }, report });
    expect(summary.expressions).toEqual({ total: 4, evaluated: 3, seenTrue: 3, seenFalse: 1, neverEvaluated: 1 });
    expect(summary.allowStatements).toMatchObject({ total: 3, evaluated: 1, constantFalse: 1 });
    expect(summary.allowStatements.neverEvaluated).toEqual([{ line: 10, methods: 'list', condition: 'signedIn() && request.query.limit <= 10' }]);
    expect(summary.functions).toEqual({ total: 1, evaluated: 1, neverEvaluated: [] });
  });
});
