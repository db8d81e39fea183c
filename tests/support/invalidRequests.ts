/**
 * Invalid requests derived from a route's own schemas (their JSON Schema form): unknown keys in
 * the query and body, wrong JSON types, strings just past their length bounds or outside their
 * patterns and enums, missing required fields, bodies that are not objects, deep nesting, unicode
 * everywhere, oversize bodies and wrong media types; and values well-formed to a type check that
 * break Firestore (reserved ids, dates outside its timestamp range, page cursors that decode to
 * out-of-range contents, see hostileValues.ts). Each case says which status it must get;
 * every 400 case is checked against the zod schemas before it is sent, so it is invalid for sure.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { OUT_OF_RANGE_DATES, RESERVED_IDS, hostileCursors } from './hostileValues.ts';

export interface RouteShape {
  method: string;
  /** Express-style path under /v1, e.g. `/users/:uid`. */
  path: string;
  params: z.ZodType;
  query: z.ZodType;
  body: z.ZodType | undefined;
  bodyOptional: boolean;
}

export interface InvalidCase {
  kind: string;
  method: string;
  path: string;
  query: [string, string][];
  /** JSON text of the body, or undefined for none. */
  body: string | undefined;
  contentType: string | undefined;
  expectedStatus: 400 | 413 | 415;
  /** A field the problem's `errors` must name (unknown keys). */
  namesField: string | undefined;
}

interface Property {
  name: string;
  required: boolean;
  schema: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function propertiesOf(schema: z.ZodType | undefined): Property[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const variants = (json.oneOf ?? json.anyOf ?? [json]) as Json[];
  const seen = new Map<string, Property>();
  for (const variant of variants) {
    const required = new Set((variant.required ?? []) as string[]);
    for (const [name, property] of Object.entries((variant.properties ?? {}) as Record<string, Json>)) {
      if (!seen.has(name)) seen.set(name, { name, required: required.has(name), schema: property });
    }
  }
  return [...seen.values()];
}

/** Strings from all of Unicode (whole graphemes), plus a few troublemakers. */
const unicodeString = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength }),
    fc.constantFrom('\u0000', '\u202e', '../', '%2F', '<script>', '\ud800', '𝔘𝔫𝔦', '💥'.repeat(3), ' '),
  );

const deepNesting = fc.integer({ min: 20, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  unicodeString(20),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  deepNesting,
);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMismatch(schema: Json): fc.Arbitrary<unknown> {
  const allowed = new Set((Array.isArray(schema.type) ? schema.type : [schema.type]).filter(Boolean) as string[]);
  if (allowed.has('number')) allowed.add('integer');
  return anyJson.filter((value) => allowed.size > 0 && !allowed.has(jsonType(value)));
}

/** A string past the bounds, outside the pattern, enum or const of a string schema. */
function badString(schema: Json): fc.Arbitrary<string> | null {
  const options: fc.Arbitrary<string>[] = [];
  const glyphs = fc.constantFrom('a', 'é', 'ß', '𝔘', '😀', 'ع', '中');
  if (typeof schema.maxLength === 'number') {
    const max = schema.maxLength;
    options.push(fc.array(glyphs, { minLength: max + 1, maxLength: max + 20 }).map((parts) => parts.join('')));
  }
  if (typeof schema.minLength === 'number' && schema.minLength > 0) options.push(fc.constantFrom('', ' '.repeat(schema.minLength)));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    options.push(unicodeString(40).filter((s) => !pattern.test(s)));
  }
  if (Array.isArray(schema.enum) || schema.const !== undefined) {
    const allowed = new Set((schema.enum ?? [schema.const]) as unknown[]);
    options.push(unicodeString(20).filter((s) => !allowed.has(s)));
  }
  return options.length > 0 ? fc.oneof(...options) : null;
}

/** Values for a path parameter that its schema rejects (and that URL normalisation leaves alone). */
function badPathValue(schema: Json): fc.Arbitrary<string> | null {
  const bad = badString(schema);
  const slash = unicodeString(10).map((s) => `${s}/${s}`);
  const options = [bad, slash].filter((a): a is fc.Arbitrary<string> => a !== null);
  // Lone surrogates cannot be percent-encoded into a URL at all; `.` and `..` would be normalised away.
  return fc.oneof(...options).filter((s) => s.length > 0 && s !== '.' && s !== '..' && !/\p{Cs}/u.test(s));
}

function knownKeys(properties: Property[]): Set<string> {
  return new Set(properties.map((p) => p.name));
}

const unknownKeyArb = (known: Set<string>) =>
  fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), fc.constantFrom('__proto__', 'constructor', 'admin', 'role', '$where', 'a.b'))
    .filter((key) => !known.has(key));

export interface ValidBase {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

function buildPath(route: RouteShape, params: Record<string, string>): string {
  return `/v1${route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''))}`;
}

function toCase(route: RouteShape, kind: string, input: { params: Record<string, string>; query: [string, string][]; body: unknown }, extra: Partial<InvalidCase> = {}): InvalidCase {
  return {
    kind,
    method: route.method,
    path: buildPath(route, input.params),
    query: input.query,
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    contentType: input.body === undefined ? undefined : 'application/json',
    expectedStatus: 400,
    namesField: undefined,
    ...extra,
  };
}

/** True when the zod schemas reject the input: the server must answer 400. */
export function rejectedBySchemas(route: RouteShape, input: { params: Record<string, string>; query: [string, string][]; body: unknown }): boolean {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of input.query) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const bodyFails =
    route.body === undefined ? input.body !== undefined : !route.body.safeParse(input.body === undefined && route.bodyOptional ? {} : input.body).success;
  return !route.params.safeParse(input.params).success || !route.query.safeParse(query).success || bodyFails;
}

type Change = { params?: Record<string, string>; query?: [string, string][]; body?: unknown; namesField?: string };

/**
 * Reserved ids in every string field and out-of-range dates in every date-time field, path,
 * query and body alike; kept only where the schemas refuse them (a free-text field may take `__x__`).
 */
function hostileArbitraries(
  paramProps: Property[],
  queryProps: Property[],
  bodyProps: Property[],
  base: ValidBase,
  with400: (kind: string, arb: fc.Arbitrary<Change>) => fc.Arbitrary<InvalidCase>,
): fc.Arbitrary<InvalidCase>[] {
  const baseQuery = Object.entries(base.query);
  const objectBody = (base.body ?? {}) as Record<string, unknown>;
  const isString = (p: Property) => p.schema.type === 'string';
  const isDate = (p: Property) => p.schema.format === 'date-time';
  // `.` and `..` would be normalised out of a URL path before the API saw them.
  const pathIds = RESERVED_IDS.filter((id) => id !== '.' && id !== '..');
  const changes: fc.Arbitrary<Change>[] = [
    ...paramProps.filter(isString).map((p) => fc.constantFrom(...pathIds).map((id) => ({ params: { ...base.params, [p.name]: id } }))),
    ...queryProps.filter(isString).map((p) =>
      fc.constantFrom(...RESERVED_IDS, ...(isDate(p) ? OUT_OF_RANGE_DATES : [])).map((value) => ({
        query: [...baseQuery.filter(([k]) => k !== p.name), [p.name, value]] as [string, string][],
        namesField: `query.${p.name}`,
      })),
    ),
    ...bodyProps.filter(isString).map((p) =>
      fc.constantFrom(...RESERVED_IDS, ...(isDate(p) ? OUT_OF_RANGE_DATES : [])).map((value) => ({ body: { ...objectBody, [p.name]: value }, namesField: `body.${p.name}` })),
    ),
  ];
  return changes.length > 0 ? [with400('reserved id or out-of-range date', fc.oneof(...changes))] : [];
}

export function invalidRequests(route: RouteShape, base: ValidBase): fc.Arbitrary<InvalidCase> {
  const paramProps = propertiesOf(route.params);
  const queryProps = propertiesOf(route.query);
  const bodyProps = propertiesOf(route.body);
  const baseQuery = Object.entries(base.query);
  const objectBody = (base.body ?? {}) as Record<string, unknown>;
  const with400 = (kind: string, arb: fc.Arbitrary<{ params?: Record<string, string>; query?: [string, string][]; body?: unknown; namesField?: string }>) =>
    arb
      .map((change) => ({
        input: { params: change.params ?? base.params, query: change.query ?? baseQuery, body: 'body' in change ? change.body : base.body },
        namesField: change.namesField,
      }))
      .filter(({ input }) => rejectedBySchemas(route, input))
      .map(({ input, namesField }) => toCase(route, kind, input, { namesField }));

  const arbitraries: fc.Arbitrary<InvalidCase>[] = [
    with400(
      'unknown query key',
      fc.tuple(unknownKeyArb(knownKeys(queryProps)), unicodeString(20)).map(([key, value]) => ({ query: [...baseQuery, [key, value] as [string, string]], namesField: `query.${key}` })),
    ),
    with400(
      'repeated query key',
      fc.constantFrom(...(queryProps.length > 0 ? queryProps : [{ name: 'x', required: false, schema: {} }])).chain((p) =>
        fc.tuple(unicodeString(10), unicodeString(10)).map(([a, b]) => ({ query: [...baseQuery.filter(([k]) => k !== p.name), [p.name, a], [p.name, b]] as [string, string][] })),
      ),
    ),
  ];
  // Numeric edges catch bounds the JSON Schema cannot show (page sizes are digit strings, then ranges).
  const numericEdges = fc.constantFrom('0', '-1', '101', '501', '9999', '1.5', '1e2', ' 5', '0x10', 'NaN');
  const badQuery = queryProps.flatMap((p) => {
    const bad = badString(p.schema);
    const values = bad ? fc.oneof(bad, numericEdges) : numericEdges;
    return [values.map((value) => ({ query: [...baseQuery.filter(([k]) => k !== p.name), [p.name, value]] as [string, string][] }))];
  });
  if (badQuery.length > 0) arbitraries.push(with400('query value out of bounds', fc.oneof(...badQuery)));
  const badParams = paramProps.flatMap((p) => {
    const bad = badPathValue(p.schema);
    return bad ? [bad.map((value) => ({ params: { ...base.params, [p.name]: value } }))] : [];
  });
  if (badParams.length > 0) arbitraries.push(with400('path parameter out of bounds', fc.oneof(...badParams)));

  arbitraries.push(...hostileArbitraries(paramProps, queryProps, bodyProps, base, with400));
  const cursorCase = queryProps.some((p) => p.name === 'cursor')
    ? hostileCursors.map((cursor) => toCase(route, 'decoded cursor out of range', { params: base.params, query: [...baseQuery.filter(([k]) => k !== 'cursor'), ['cursor', cursor]], body: base.body }))
    : null;
  if (cursorCase) arbitraries.push(cursorCase);

  if (route.body === undefined) {
    arbitraries.push(with400('body where none is taken', fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }).map((body) => ({ body }))));
  } else {
    arbitraries.push(
      with400(
        'unknown body key',
        fc.tuple(unknownKeyArb(knownKeys(bodyProps)), anyJson).map(([key, value]) => {
          const body: Record<string, unknown> = { ...objectBody };
          Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
          return { body, namesField: `body.${key}` };
        }),
      ),
      with400('body not an object', fc.oneof(fc.array(anyJson, { maxLength: 3 }), deepNesting).map((body) => ({ body }))),
    );
    if (bodyProps.length > 0) {
      arbitraries.push(
        with400(
          'body field of the wrong type',
          fc.constantFrom(...bodyProps).chain((p) => typeMismatch(p.schema).map((value) => ({ body: { ...objectBody, [p.name]: value } }))),
        ),
      );
      const badBody = bodyProps.flatMap((p) => {
        const bad = badString(p.schema);
        return bad ? [bad.map((value) => ({ body: { ...objectBody, [p.name]: value } }))] : [];
      });
      if (badBody.length > 0) arbitraries.push(with400('body string out of bounds', fc.oneof(...badBody)));
      const required = bodyProps.filter((p) => p.required);
      if (required.length > 0) {
        arbitraries.push(
          with400(
            'required body field missing',
            fc.constantFrom(...required).map((p) => ({ body: Object.fromEntries(Object.entries(objectBody).filter(([key]) => key !== p.name)) })),
          ),
        );
      }
    }
  }

  // Size and media type are checked before the schemas: these need not fail them.
  arbitraries.push(
    fc.integer({ min: 65 * 1024, max: 512 * 1024 }).map((size) =>
      toCase(route, 'oversize body', { params: base.params, query: baseQuery, body: { ...objectBody, padding: 'x'.repeat(size) } }, { expectedStatus: 413 }),
    ),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml').map((contentType) => ({
      ...toCase(route, 'wrong media type', { params: base.params, query: baseQuery, body: base.body ?? {} }),
      contentType,
      expectedStatus: 415 as const,
    })),
  );
  return fc.oneof(...arbitraries);
}
