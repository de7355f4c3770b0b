// VS Code snippets made from the same emitters the commands use, so the
// snippets can never drift from generated code: a resource is emitted under
// a sentinel name, then the sentinel's name forms become linked tab stops.
// Prefixes follow one scheme: `fa-` + what it writes (`fa-get`, `fa-dto`…).
import { parseFieldSpec } from '../../request/fields';
import { resourceNames } from '../../request/names';
import type { ResourceSpec } from '../../request/resource';
import { Imports } from '../python';
import { CORS_SETUP, MIDDLEWARE, RATE_LIMIT, findByMethod } from './project';
import { CRUD_OPERATIONS, crudRoute, emitModel, emitRepository, emitRouter, emitSchemas, repositoryDependency, routerDeclaration, routerDocstring, type CrudOperation } from './resource';
import { emitRoute } from './route';

export interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

/** A snippet and where its expansion is valid code: at module level, or in a class body. */
export interface SnippetTemplate extends Snippet {
  readonly scope: 'module' | 'class';
}

const SENTINEL = 'ZqxWidget';
const FIELD_SENTINEL = 'zqxfield';
const TYPE_SENTINEL = 'ZqxType';

/** Sentinel name forms -> tab stops, longest first so no form eats another. */
function tabStops(): [string, string][] {
  const n = resourceNames(SENTINEL);
  return [
    [n.classPlural, '${2:Items}'],
    [n.className, '${1:Item}'],
    [n.snakePlural, '${4:items}'],
    [n.kebabPlural, '${5:items}'],
    [n.wordsPlural, '${4:items}'],
    [n.snake, '${3:item}'],
    [n.words, '${3:item}'],
    // "Zqx widget not found": the class name reads well enough there.
    [n.words.charAt(0).toUpperCase() + n.words.slice(1), '${1:Item}'],
    [FIELD_SENTINEL, '${6:name}'],
    [TYPE_SENTINEL, '${7:str}'],
  ];
}

/** Escape snippet syntax, then put the tab stops in; one string per line. */
export function toSnippetBody(code: string): string[] {
  let text = code.replace(/\\/g, '\\\\').replace(/\$/g, '\\$');
  for (const [form, stop] of tabStops()) text = text.split(form).join(stop);
  return text.replace(/\n$/, '').split('\n');
}

const ROUTE_SNIPPETS: Record<CrudOperation, { prefix: string; title: string; what: string }> = {
  create: { prefix: 'fa-post', title: 'FastAPI POST route', what: 'POST create: 201, auth dependency, 409 on conflicts' },
  list: { prefix: 'fa-list', title: 'FastAPI GET list route', what: 'GET list: limit/offset validated, {data, count}' },
  get: { prefix: 'fa-get', title: 'FastAPI GET route', what: 'GET one by {id} path parameter, HTTPException 404' },
  replace: { prefix: 'fa-put', title: 'FastAPI PUT route', what: 'PUT replace by {id}: auth dependency, HTTPException 404' },
  update: { prefix: 'fa-patch', title: 'FastAPI PATCH route', what: 'PATCH partial update by {id}: auth dependency, HTTPException 404' },
  delete: { prefix: 'fa-delete', title: 'FastAPI DELETE route', what: 'DELETE by {id}: 204, auth dependency, HTTPException 404' },
};

function snippet(prefix: string, description: string, code: string, scope: 'module' | 'class' = 'module'): SnippetTemplate {
  return { prefix, description: `backend-skill: ${description}`, body: toSnippetBody(code), scope };
}

/** Every FastAPI snippet, keyed by its title, with the scope its expansion is checked in. */
export function fastapiSnippetTemplates(): Record<string, SnippetTemplate> {
  const spec: ResourceSpec = {
    names: resourceNames(SENTINEL),
    fields: parseFieldSpec('name:str:max=120 description:text?'),
    auth: 'writes',
  };
  const names = spec.names;
  const out: Record<string, SnippetTemplate> = {};
  out['FastAPI router'] = snippet(
    'fa-router',
    'router module: APIRouter with a prefix and tags',
    `${routerDocstring(names)}\n\n${new Imports().add('fastapi', 'APIRouter').render()}\n\n${routerDeclaration(names, false)}\n`,
  );
  out['FastAPI CRUD router'] = snippet('fa-crud', 'CRUD router: create/list/get/replace/update/delete, auth on writes, 404/409 handling', emitRouter(spec));
  for (const op of CRUD_OPERATIONS) {
    const { prefix, title, what } = ROUTE_SNIPPETS[op];
    out[title] = snippet(prefix, `route ${what}`, emitRoute(crudRoute(op, spec, { router: 'router', inline404: true })));
  }
  out['Pydantic DTO family'] = snippet('fa-dto', 'Pydantic v2 Base/Create/Update/Public/list models', emitSchemas(spec));
  out['SQLAlchemy model'] = snippet('fa-model', 'SQLAlchemy 2.0 declarative model with Mapped[] columns', emitModel(spec, []));
  out['Repository class'] = snippet('fa-repo', 'repository class over the generic async Repository base', emitRepository(spec, []));
  out['Repository method'] = snippet(
    'fa-repo-get-by',
    'repository method: one row by a column value, or None (a bound parameter, never string-built SQL)',
    findByMethod(SENTINEL, FIELD_SENTINEL, TYPE_SENTINEL).replace(/^ {4}/gm, ''),
    'class',
  );
  out['Repository dependency'] = snippet(
    'fa-dep',
    'dependency: a provider taking SessionDep and its Annotated alias',
    repositoryDependency(SENTINEL, `get_${names.snake}_repository`, `${SENTINEL}RepositoryDep`),
  );
  out['CORS middleware'] = snippet('fa-cors', 'CORS middleware restricted to the configured origins (credentials never with "*")', CORS_SETUP);
  out['Request logging middleware'] = snippet('fa-logging', 'request-logging ASGI middleware: method, path, status, time, X-Request-ID', MIDDLEWARE);
  out['Rate-limit dependency'] = snippet('fa-rate-limit', 'rate limiter: a sliding-window dependency answering 429 with Retry-After', RATE_LIMIT);
  return out;
}

/** The snippet file's content: templates without their check scope. */
export function fastapiSnippets(): Record<string, Snippet> {
  return Object.fromEntries(
    Object.entries(fastapiSnippetTemplates()).map(([title, { prefix, description, body }]) => [title, { prefix, description, body }]),
  );
}
