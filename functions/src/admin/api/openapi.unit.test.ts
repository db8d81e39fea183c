import { describe, expect, it } from 'vitest';
import { validateOpenApi31 } from '../../../../tests/support/openapi.ts';
import { openApiPath } from './openapi.ts';
import { ROUTES, openApiDocument } from './routes.ts';
import { renderDocsPage } from './docsPage.ts';

describe('the generated OpenAPI document', () => {
  const document = openApiDocument();

  it('validates as OpenAPI 3.1', () => {
    expect(validateOpenApi31(document)).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('lists every route with its method and a unique operation id', () => {
    const paths = document.paths as Record<string, Record<string, { operationId: string }>>;
    for (const route of ROUTES) {
      expect(paths[openApiPath(route)]?.[route.method]?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    const listed = Object.values(paths).flatMap((item) => Object.keys(item));
    expect(listed).toHaveLength(ROUTES.length);
  });

  it('describes request schemas as strict (unknown keys not allowed)', () => {
    const ban = (document.paths as Record<string, Record<string, { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } }>>)['/v1/users/{uid}/ban']?.post;
    expect(ban?.requestBody.content['application/json']?.schema).toMatchObject({ additionalProperties: false, required: ['reason'] });
  });

  it('is caught by the validator when broken (the validator can fail)', () => {
    const broken: Record<string, unknown> = structuredClone(document);
    broken.openapi = '3.0.3';
    const paths = broken.paths as Record<string, Record<string, Record<string, unknown>>>;
    const get = paths['/v1/users/{uid}']?.get;
    if (get) get.parameters = [];
    paths['/v1/stats']!.get!.responses = { '200': { $ref: '#/components/responses/missing' } };
    const messages = validateOpenApi31(broken).map((problem) => problem.message);
    expect(messages).toContain('must be 3.1.x');
    expect(messages).toContain('declares no path parameter for {uid}');
    expect(messages).toContain('refers to #/components/responses/missing, which does not exist');
  });

  it('renders a docs page naming every operation, without scripts or remote resources', () => {
    const html = renderDocsPage(document);
    for (const route of ROUTES) expect(html).toContain(`id="${route.operationId}"`);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });
});
