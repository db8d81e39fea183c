/**
 * A structural validator for OpenAPI 3.1 documents, written from the specification's required
 * fields (no validator package is installed here): document, info, servers and variables, path
 * templates against path parameters, operations, unique operation ids, parameters, request
 * bodies, responses, security requirements against declared schemes, every local `$ref`
 * resolving, `x-` extensions only, and schemas shaped like JSON Schema 2020-12.
 */
import { z } from 'zod';

export interface OpenApiProblem {
  at: string;
  message: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const SCHEMA_KEYWORDS = new Set([
  '$ref', '$id', '$schema', '$defs', '$anchor', '$comment', '$dynamicRef', '$dynamicAnchor', 'type', 'enum', 'const',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'patternProperties', 'unevaluatedProperties',
  'items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'unevaluatedItems', 'minItems', 'maxItems', 'uniqueItems',
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', 'contentEncoding',
  'contentMediaType', 'discriminator', 'xml', 'externalDocs', 'id',
]);

const record = z.record(z.string(), z.unknown());

export function validateOpenApi31(document: unknown): OpenApiProblem[] {
  const problems: OpenApiProblem[] = [];
  const fail = (at: string, message: string) => problems.push({ at, message });
  const root = record.safeParse(document);
  if (!root.success) return [{ at: '#', message: 'the document is not an object' }];
  const doc = root.data;

  const only = (at: string, value: Record<string, unknown>, known: readonly string[]) => {
    for (const key of Object.keys(value)) if (!known.includes(key) && !key.startsWith('x-')) fail(`${at}/${key}`, 'is not a field of this object');
  };
  const obj = (at: string, value: unknown): Record<string, unknown> | null => {
    const parsed = record.safeParse(value);
    if (!parsed.success || Array.isArray(value)) {
      fail(at, 'must be an object');
      return null;
    }
    return parsed.data;
  };
  const str = (at: string, value: unknown, required = true) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || (required && value.length === 0)) fail(at, 'must be a non-empty string');
  };

  only('#', doc, ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs']);
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) fail('#/openapi', 'must be 3.1.x');
  if (doc.paths === undefined && doc.components === undefined && doc.webhooks === undefined) fail('#', 'needs paths, components or webhooks');
  str('#/jsonSchemaDialect', doc.jsonSchemaDialect, false);

  const info = obj('#/info', doc.info);
  if (info) {
    only('#/info', info, ['title', 'summary', 'description', 'termsOfService', 'contact', 'license', 'version']);
    str('#/info/title', info.title);
    str('#/info/version', info.version);
  }

  if (doc.servers !== undefined) {
    if (!Array.isArray(doc.servers)) fail('#/servers', 'must be an array');
    else
      doc.servers.forEach((value, i) => {
        const at = `#/servers/${i}`;
        const server = obj(at, value);
        if (!server) return;
        only(at, server, ['url', 'description', 'variables']);
        str(`${at}/url`, server.url);
        const variables = server.variables === undefined ? {} : (obj(`${at}/variables`, server.variables) ?? {});
        for (const [name, variable] of Object.entries(variables)) {
          const v = obj(`${at}/variables/${name}`, variable);
          if (!v) continue;
          only(`${at}/variables/${name}`, v, ['enum', 'default', 'description']);
          if (typeof v.default !== 'string') fail(`${at}/variables/${name}/default`, 'is required and must be a string');
        }
        for (const [, name] of String(server.url).matchAll(/\{([^}]+)\}/g)) {
          if (!(name! in variables)) fail(`${at}/url`, `uses the undefined variable {${name}}`);
        }
      });
  }

  const components = doc.components === undefined ? {} : (obj('#/components', doc.components) ?? {});
  only('#/components', components, ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems']);
  const schemes = components.securitySchemes === undefined ? {} : (obj('#/components/securitySchemes', components.securitySchemes) ?? {});
  for (const [name, value] of Object.entries(schemes)) {
    const scheme = obj(`#/components/securitySchemes/${name}`, value);
    if (!scheme) continue;
    if (!['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'].includes(String(scheme.type))) fail(`#/components/securitySchemes/${name}/type`, 'is not a security scheme type');
    if (scheme.type === 'http') str(`#/components/securitySchemes/${name}/scheme`, scheme.scheme);
  }
  const checkSecurity = (at: string, value: unknown) => {
    if (!Array.isArray(value)) {
      fail(at, 'must be an array');
      return;
    }
    value.forEach((requirement, i) => {
      for (const [name, scopes] of Object.entries(obj(`${at}/${i}`, requirement) ?? {})) {
        if (!(name in schemes)) fail(`${at}/${i}/${name}`, 'names no declared security scheme');
        if (!Array.isArray(scopes)) fail(`${at}/${i}/${name}`, 'must be an array of scopes');
      }
    });
  };
  if (doc.security !== undefined) checkSecurity('#/security', doc.security);

  const checkSchema = (at: string, value: unknown): void => {
    if (typeof value === 'boolean') return;
    const schema = obj(at, value);
    if (!schema) return;
    for (const key of Object.keys(schema)) if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) fail(`${at}/${key}`, 'is not a JSON Schema 2020-12 keyword');
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (types.length === 0 || types.some((t) => !JSON_TYPES.includes(String(t)))) fail(`${at}/type`, 'is not a JSON Schema type');
    }
    if (schema.required !== undefined && (!Array.isArray(schema.required) || schema.required.some((r) => typeof r !== 'string'))) fail(`${at}/required`, 'must be an array of strings');
    if (schema.pattern !== undefined) {
      try {
        if (typeof schema.pattern !== 'string') throw new TypeError('not a string');
        new RegExp(schema.pattern, 'u');
      } catch {
        fail(`${at}/pattern`, 'is not a regular expression');
      }
    }
    for (const key of ['properties', '$defs', 'patternProperties', 'dependentSchemas']) {
      if (schema[key] !== undefined) for (const [name, sub] of Object.entries(obj(`${at}/${key}`, schema[key]) ?? {})) checkSchema(`${at}/${key}/${name}`, sub);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties']) {
      if (schema[key] !== undefined) checkSchema(`${at}/${key}`, schema[key]);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
      if (schema[key] === undefined) continue;
      if (!Array.isArray(schema[key]) || schema[key].length === 0) fail(`${at}/${key}`, 'must be a non-empty array');
      else (schema[key] as unknown[]).forEach((sub, i) => checkSchema(`${at}/${key}/${i}`, sub));
    }
  };
  for (const [name, schema] of Object.entries(components.schemas === undefined ? {} : (obj('#/components/schemas', components.schemas) ?? {}))) {
    checkSchema(`#/components/schemas/${name}`, schema);
  }

  const checkMedia = (at: string, content: unknown) => {
    for (const [mediaType, value] of Object.entries(obj(at, content) ?? {})) {
      if (!/^[\w.+-]+\/[\w.+*-]+$/.test(mediaType)) fail(`${at}/${mediaType}`, 'is not a media type');
      const media = obj(`${at}/${mediaType}`, value);
      if (!media) continue;
      only(`${at}/${mediaType}`, media, ['schema', 'example', 'examples', 'encoding']);
      if (media.schema !== undefined) checkSchema(`${at}/${mediaType}/schema`, media.schema);
    }
  };
  const checkResponse = (at: string, value: unknown) => {
    const response = obj(at, value);
    if (!response) return;
    if (typeof response.$ref === 'string') {
      only(at, response, ['$ref', 'summary', 'description']);
      return;
    }
    only(at, response, ['description', 'headers', 'content', 'links']);
    str(`${at}/description`, response.description);
    if (response.content !== undefined) checkMedia(`${at}/content`, response.content);
  };
  for (const [name, response] of Object.entries(components.responses === undefined ? {} : (obj('#/components/responses', components.responses) ?? {}))) {
    checkResponse(`#/components/responses/${name}`, response);
  }

  const operationIds = new Map<string, string>();
  const paths = doc.paths === undefined ? {} : (obj('#/paths', doc.paths) ?? {});
  for (const [path, itemValue] of Object.entries(paths)) {
    const pathAt = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!path.startsWith('/')) fail(pathAt, 'path must start with /');
    const item = obj(pathAt, itemValue);
    if (!item) continue;
    only(pathAt, item, ['$ref', 'summary', 'description', 'servers', 'parameters', ...METHODS]);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const method of METHODS) {
      if (item[method] === undefined) continue;
      const at = `${pathAt}/${method}`;
      const op = obj(at, item[method]);
      if (!op) continue;
      only(at, op, ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers']);
      if (op.operationId !== undefined) {
        str(`${at}/operationId`, op.operationId);
        const id = typeof op.operationId === 'string' ? op.operationId : JSON.stringify(op.operationId);
        const previous = operationIds.get(id);
        if (previous) fail(`${at}/operationId`, `duplicates ${previous}`);
        operationIds.set(id, at);
      }
      const params = op.parameters === undefined ? [] : Array.isArray(op.parameters) ? op.parameters : (fail(`${at}/parameters`, 'must be an array'), []);
      const seen = new Set<string>();
      const pathParams = new Set<string>();
      params.forEach((value, i) => {
        const pAt = `${at}/parameters/${i}`;
        const p = obj(pAt, value);
        if (!p) return;
        only(pAt, p, ['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'schema', 'example', 'examples', 'content']);
        str(`${pAt}/name`, p.name);
        if (!['query', 'header', 'path', 'cookie'].includes(String(p.in))) fail(`${pAt}/in`, 'must be query, header, path or cookie');
        if (p.in === 'path') {
          if (p.required !== true) fail(`${pAt}/required`, 'must be true for path parameters');
          pathParams.add(String(p.name));
        }
        if ((p.schema === undefined) === (p.content === undefined)) fail(pAt, 'needs exactly one of schema or content');
        if (p.schema !== undefined) checkSchema(`${pAt}/schema`, p.schema);
        const key = `${String(p.in)}:${String(p.name)}`;
        if (seen.has(key)) fail(pAt, `duplicates the parameter ${key}`);
        seen.add(key);
      });
      for (const name of templated) if (!pathParams.has(name)) fail(at, `declares no path parameter for {${name}}`);
      for (const name of pathParams) if (!templated.includes(name)) fail(at, `declares path parameter ${name} that the path does not have`);
      if (op.requestBody !== undefined) {
        const body = obj(`${at}/requestBody`, op.requestBody);
        if (body) {
          only(`${at}/requestBody`, body, ['description', 'content', 'required']);
          if (body.content === undefined) fail(`${at}/requestBody`, 'needs content');
          else checkMedia(`${at}/requestBody/content`, body.content);
        }
      }
      const responses = obj(`${at}/responses`, op.responses);
      if (responses) {
        if (Object.keys(responses).length === 0) fail(`${at}/responses`, 'needs at least one response');
        for (const [code, response] of Object.entries(responses)) {
          if (!/^([1-5](\d\d|XX)|default)$/.test(code)) fail(`${at}/responses/${code}`, 'is not a status code');
          checkResponse(`${at}/responses/${code}`, response);
        }
      }
      if (op.security !== undefined) checkSecurity(`${at}/security`, op.security);
    }
  }

  // Every local reference resolves.
  const resolve = (pointer: string): boolean => {
    let node: unknown = doc;
    for (const raw of pointer.slice(2).split('/')) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof node !== 'object' || node === null || !(part in node)) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return true;
  };
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}/${i}`));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string') {
          if (!item.startsWith('#/')) fail(at, `refers outside the document: ${item}`);
          else if (!resolve(item)) fail(at, `refers to ${item}, which does not exist`);
        } else walk(item, `${at}/${key}`);
      }
    }
  };
  walk(doc, '#');
  return problems;
}
