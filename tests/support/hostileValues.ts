/**
 * Values that are well-formed to a type check yet break Firestore when they reach it: ids it
 * reserves, dates outside what a Timestamp holds, and page cursors that decode to the right shape
 * with out-of-range contents. The schema-derived fuzzers put them into every field of every admin
 * API route and callable; each must be refused as bad input, never answered with a 5xx/`internal`.
 */
import fc from 'fast-check';

/** Ids Firestore refuses as document ids (`__.*__`, `.`, `..`), the URL-safe ones first. */
export const RESERVED_IDS = ['__x__', '__reserved__', '__proto__', '____', '__name__', '__é__', '.', '..'] as const;

/** ISO date-times that parse but fall outside 0001-01-01 .. 9999-12-31 UTC. */
export const OUT_OF_RANGE_DATES = [
  '0000-01-01T00:00:00Z',
  '0000-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00+00:01',
  '9999-12-31T23:59:59-23:59',
  '9999-12-31T23:59:59.999-00:01',
] as const;

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Timestamp tuples ([seconds, nanos]) Firestore cannot hold. */
const badSeconds = [-62_135_596_801, 253_402_300_800, 1e20, -1e20, Number.MAX_SAFE_INTEGER];

/**
 * Cursors shaped like each listing's own (`{at, id}`, `{kind, id}`, `{kind, prefix, name, id}`,
 * `{path}`) but holding values out of range: they pass the `cursor` query schema (base64url text),
 * so only the API's decoding stands between them and a thrown `new Timestamp` or `startAfter`.
 */
export const hostileCursors: fc.Arbitrary<string> = fc
  .oneof(
    fc.record({ at: fc.tuple(fc.constantFrom(...badSeconds), fc.constant(0)), id: fc.constant('r1') }),
    fc.record({ at: fc.constant([0, 0]), id: fc.constantFrom(...RESERVED_IDS) }),
    fc.record({ at: fc.constant(null), id: fc.constantFrom(...RESERVED_IDS) }),
    fc.record({ kind: fc.constant('all'), id: fc.constantFrom(...RESERVED_IDS) }),
    fc.record({ kind: fc.constant('name'), prefix: fc.constant(''), name: fc.constant('a'), id: fc.constantFrom(...RESERVED_IDS) }),
    fc.record({ path: fc.constantFrom(...RESERVED_IDS.flatMap((id) => [`chats/${id}/messages/m1`, `chats/c1/messages/${id}`])) }),
  )
  .map(encodeCursor);
