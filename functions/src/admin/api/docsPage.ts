/**
 * The API's readable documentation: the OpenAPI document rendered as one self-contained HTML page
 * (inline CSS, no scripts, nothing fetched from elsewhere), served by the function itself.
 */
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem.ts';

type Json = Record<string, unknown>;

function escape(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Backticks become <code>; everything else is escaped text with paragraphs kept. */
function prose(text: unknown): string {
  return (typeof text === 'string' ? text : '')
    .split(/\n\n+/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
}

function schemaBlock(schema: unknown): string {
  return `<pre>${escape(JSON.stringify(schema, null, 2))}</pre>`;
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function operationHtml(path: string, method: string, operation: Json): string {
  const id = escape(operation.operationId);
  const parameters = (operation.parameters ?? []) as Json[];
  const responses = asRecord(operation.responses);
  const roles = (operation['x-natter-roles'] ?? []) as string[];
  const body = asRecord(asRecord(asRecord(operation.requestBody).content)['application/json']).schema;
  const rows = parameters
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escape(p.description ?? '')}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`)
    .join('');
  const success = asRecord(asRecord(responses['200']).content);
  const [successType, successMedia] = Object.entries(success)[0] ?? ['', {}];
  return `<section class="op" id="${id}">
  <h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code> <small>${id}</small></h3>
  <p class="summary">${escape(operation.summary)}</p>
  ${prose(operation.description)}
  <p class="meta">${roles.length > 0 ? `Roles: <strong>${escape(roles.join(', '))}</strong>` : 'Public: no token needed'}${operation['x-natter-audited'] ? ' · audited' : ''}</p>
  ${rows ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>About</th><th>Schema</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
  ${body ? `<details><summary>Request body (application/json)</summary>${schemaBlock(body)}</details>` : ''}
  <details><summary>200 response (${escape(successType)})</summary>${schemaBlock(asRecord(successMedia).schema)}</details>
  <p class="meta">Errors: ${Object.keys(responses).filter((code) => code !== '200').map(escape).join(', ')}</p>
</section>`;
}

export function renderDocsPage(document: Json): string {
  const info = asRecord(document.info);
  const paths = asRecord(document.paths);
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(asRecord(item))) {
      const op = asRecord(operation);
      const tag = String((op.tags as string[] | undefined)?.[0] ?? 'Other');
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
      toc.push(`<li><a href="#${escape(op.operationId)}"><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> ${escape(path)}</a></li>`);
    }
  }
  const problems = (Object.keys(PROBLEM_TYPES) as ProblemSlug[])
    .map((slug) => `<tr id="problem-${slug}"><td><code>${escape(problemTypeUri(slug))}</code></td><td>${PROBLEM_TYPES[slug].status}</td><td>${escape(PROBLEM_TYPES[slug].title)}</td><td>${escape(PROBLEM_TYPES[slug].about)}</td></tr>`)
    .join('');
  const schemas = Object.entries(asRecord(asRecord(document.components).schemas))
    .map(([name, schema]) => `<details id="schema-${escape(name)}"><summary>${escape(name)}</summary>${schemaBlock(schema)}</details>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem 1.5rem;color:#1d2330}
h1{margin-bottom:0}h2{border-bottom:1px solid #dde;padding-bottom:.2rem;margin-top:2.5rem}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f4f5f8;padding:.6rem;overflow:auto;border-radius:4px}
.op{border:1px solid #e2e4ea;border-radius:6px;padding:.2rem 1rem .6rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2em;text-align:center;border-radius:3px;color:#fff;font-size:12px;font-weight:600;padding:1px 4px}
.get{background:#2f7d4f}.post{background:#2a5db0}.delete{background:#b0362a}
.summary{font-weight:600}.meta{color:#555;font-size:13px}small{color:#888;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #e2e4ea;padding:3px 6px;text-align:left;vertical-align:top}
ul.toc{columns:2;list-style:none;padding:0}ul.toc a{text-decoration:none}
</style>
</head>
<body>
<h1>${escape(info.title)}</h1>
<p class="meta">Version ${escape(info.version)} · OpenAPI ${escape(document.openapi)} · machine-readable: <a href="openapi.json">openapi.json</a></p>
${prose(info.description)}
<h2>Operations</h2>
<ul class="toc">${toc.join('')}</ul>
${[...byTag.entries()].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join('\n')}`).join('\n')}
<h2 id="problems">Problem types</h2>
<table><thead><tr><th>type</th><th>Status</th><th>Title</th><th>When</th></tr></thead><tbody>${problems}</tbody></table>
<h2>Schemas</h2>
${schemas}
</body>
</html>
`;
}
