/**
 * Reads the Firestore emulator's rules coverage report and summarises it: how many expressions
 * the rules hold, how many the tests evaluated, which `allow` conditions never ran.
 *
 * The report (`GET /emulator/v1/projects/<id>:ruleCoverage`) is a tree per `allow` condition and
 * per function body; every node has a `sourcePosition` and the `values` it produced with counts.
 * A node that never ran reports only `{undefined: {}}`. Constant conditions (`if false`) have no
 * node at all: the emulator never evaluates them, so they are listed apart (the matrix checks each
 * of those denials directly).
 */

export interface CoverageNode {
  sourcePosition: { line: number; column: number; currentOffset: number; endOffset: number };
  values?: { value: Record<string, unknown>; count: number }[];
  children?: CoverageNode[];
}
export interface CoverageResponse {
  rules: { files: { name?: string; content: string }[] };
  report: CoverageNode[];
}

export interface AllowStatement {
  line: number;
  methods: string;
  condition: string;
  offset: number;
}

export interface CoverageSummary {
  expressions: { total: number; evaluated: number; seenTrue: number; seenFalse: number; neverEvaluated: number };
  allowStatements: {
    total: number;
    evaluated: number;
    constantFalse: number;
    neverEvaluated: { line: number; methods: string; condition: string }[];
  };
  functions: { total: number; evaluated: number; neverEvaluated: { line: number; name: string }[] };
}

/** Blanks out comments, keeping every offset, so statements are found only in code. */
function stripComments(source: string): string {
  return source.replace(/\/\/[^\n]*/g, (comment) => ' '.repeat(comment.length));
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/** Every `allow <methods>: if <condition>;` in the rules, with where its condition starts. */
export function allowStatements(source: string): AllowStatement[] {
  const code = stripComments(source);
  const statements: AllowStatement[] = [];
  for (const match of code.matchAll(/\ballow\s+([a-z,\s]+?)\s*:\s*if\s+/g)) {
    const offset = match.index + match[0].length;
    const end = code.indexOf(';', offset);
    statements.push({
      line: lineAt(source, offset),
      methods: match[1]!.replace(/\s+/g, ' ').trim(),
      condition: code.slice(offset, end).replace(/\s+/g, ' ').trim(),
      offset,
    });
  }
  return statements;
}

/** Every `function name(...) {` with where its body's first expression starts. */
function functionBodies(source: string): { name: string; line: number; offset: number }[] {
  const code = stripComments(source);
  const bodies: { name: string; line: number; offset: number }[] = [];
  for (const match of code.matchAll(/\bfunction\s+(\w+)\s*\([^)]*\)\s*\{\s*(?:return\s+)?/g)) {
    const offset = match.index + match[0].length;
    bodies.push({ name: match[1]!, line: lineAt(source, offset), offset });
  }
  return bodies;
}

function ran(node: CoverageNode): boolean {
  return (node.values ?? []).some((v) => !('undefined' in v.value) && v.count > 0);
}
function produced(node: CoverageNode, bool: boolean): boolean {
  return (node.values ?? []).some((v) => v.value.boolValue === bool && v.count > 0);
}
function flatten(nodes: CoverageNode[]): CoverageNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

export function summarizeCoverage(response: CoverageResponse): CoverageSummary {
  const source = response.rules.files.map((f) => f.content).join('\n');
  const topByOffset = new Map(response.report.map((node) => [node.sourcePosition.currentOffset, node]));
  const all = flatten(response.report);

  const allows = allowStatements(source);
  const constantFalse = allows.filter((a) => a.condition === 'false');
  const conditional = allows.filter((a) => a.condition !== 'false');
  const allowsNeverRun = conditional.filter((a) => {
    const node = topByOffset.get(a.offset);
    return !node || !ran(node);
  });

  const functions = functionBodies(source);
  const functionsNeverRun = functions.filter((f) => {
    const node = topByOffset.get(f.offset);
    return !node || !ran(node);
  });

  const evaluated = all.filter(ran).length;
  return {
    expressions: {
      total: all.length,
      evaluated,
      seenTrue: all.filter((n) => produced(n, true)).length,
      seenFalse: all.filter((n) => produced(n, false)).length,
      neverEvaluated: all.length - evaluated,
    },
    allowStatements: {
      total: allows.length,
      evaluated: conditional.length - allowsNeverRun.length,
      constantFalse: constantFalse.length,
      neverEvaluated: allowsNeverRun.map(({ line, methods, condition }) => ({ line, methods, condition })),
    },
    functions: {
      total: functions.length,
      evaluated: functions.length - functionsNeverRun.length,
      neverEvaluated: functionsNeverRun.map(({ line, name }) => ({ line, name })),
    },
  };
}

export async function fetchCoverage(host: string, port: number, projectId: string): Promise<CoverageResponse> {
  const response = await fetch(`http://${host}:${port}/emulator/v1/projects/${projectId}:ruleCoverage`);
  if (!response.ok) throw new Error(`rules coverage request failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CoverageResponse;
}
