/**
 * The OpenAPI 3.1 document, generated from the route declarations and their zod schemas
 * (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Named schemas (zod
 * `meta({ id })`) become `components.schemas`; everything else is inlined.
 */
import { z } from 'zod';
import { ADMIN_API_LIMITS, problemSchema } from '@natter/model';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem.ts';
import type { Route } from './route.ts';

type JsonSchema = Record<string, unknown>;

/** Moves `$defs` into `components.schemas` and points `$ref`s at their new home. */
function hoist(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  // The dialect is declared once for the whole document (`jsonSchemaDialect`).
  const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$defs'));
  const $defs = schema.$defs;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === '$ref' && typeof item === 'string' ? item.replace(/^#\/\$defs\//, '#/components/schemas/') : rewrite(item),
      ]),
    );
  };
  for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const rewritten = rewrite(def) as JsonSchema;
    const existing = components[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(rewritten)) throw new Error(`two different schemas are named ${name}`);
    components[name] = rewritten;
  }
  return rewrite(rest) as JsonSchema;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  return hoist(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }), components);
}

function parameters(schema: z.ZodType, location: 'path' | 'query', components: Record<string, JsonSchema>): JsonSchema[] {
  const object = jsonSchema(schema, 'input', components);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

const ERROR_RESPONSES: Record<string, ProblemSlug> = {
  '400': 'invalid-request',
  '401': 'unauthenticated',
  '403': 'forbidden',
  '404': 'not-found',
  '405': 'method-not-allowed',
  '409': 'conflict',
  '413': 'payload-too-large',
  '415': 'unsupported-media-type',
  '429': 'rate-limited',
  '500': 'internal',
};

export function openApiPath(route: Pick<Route, 'path'>): string {
  return `/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
}

export function buildOpenApi(routes: readonly Route[]): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  const problemRef = jsonSchema(problemSchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const roles = route.access === 'public' ? [] : [...route.access];
    const isPublic = roles.length === 0;
    const errorCodes = Object.keys(ERROR_RESPONSES).filter((code) => {
      if (isPublic) return ['400', '405', '500'].includes(code);
      if (code === '413' || code === '415') return route.body !== undefined;
      if (code === '409') return route.audit !== undefined;
      return true;
    });
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      description: isPublic ? route.description : `${route.description}\n\nRoles: ${roles.join(', ')}.`,
      tags: [route.tag],
      security: isPublic ? [] : [{ bearerAuth: [] }],
      'x-natter-roles': roles,
      'x-natter-audited': route.audit !== undefined,
      parameters: [...parameters(route.params, 'path', components), ...parameters(route.query, 'query', components)],
      responses: {
        '200': {
          description: 'Success.',
          content: { [route.produces]: { schema: route.produces === 'text/html' ? { type: 'string' } : jsonSchema(route.response, 'output', components) } },
        },
        ...Object.fromEntries(errorCodes.map((code) => [code, { $ref: `#/components/responses/${ERROR_RESPONSES[code]}` }])),
      },
    };
    if (route.body !== undefined) {
      operation.requestBody = {
        required: !route.bodyOptional,
        content: { 'application/json': { schema: jsonSchema(route.body, 'input', components) } },
      };
    }
    const path = openApiPath(route);
    paths[path] = { ...paths[path], [route.method]: operation };
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Natter admin API',
      version: '1.0.0',
      summary: 'What operators and moderators need to run Natter.',
      description: [
        'Authenticate with a Firebase ID token: `Authorization: Bearer <token>`. Tokens are checked for revocation; the `role` custom claim decides what the caller may do (`admin`: everything; `moderator`: reports, bans and reading users).',
        `Every error is RFC 9457 problem JSON (\`application/problem+json\`). Unknown fields anywhere are rejected. Bodies are JSON, at most ${ADMIN_API_LIMITS.maxBodyBytes} bytes. Calls are rate limited per caller; mutating calls and exports are written to the audit log.`,
      ].join('\n\n'),
    },
    servers: [
      {
        url: '{functionUrl}',
        description: 'The `api` function',
        variables: {
          functionUrl: {
            default: 'http://127.0.0.1:5001/demo-natter/us-central1/api',
            description: 'The function URL: the Functions emulator locally, https://us-central1-<project>.cloudfunctions.net/api deployed.',
          },
        },
      },
    ],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'Firebase ID token (JWT)' } },
      schemas: components,
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map((slug) => {
          const type = PROBLEM_TYPES[slug];
          const description = `${type.title}: ${type.about} (\`type\`: \`${problemTypeUri(slug)}\`)`;
          return [slug, { description, content: { 'application/problem+json': { schema: problemRef } } }];
        }),
      ),
    },
  };
}
