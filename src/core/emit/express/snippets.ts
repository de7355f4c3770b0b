// TypeScript (Express + zod) snippets made from the Express emitters, the way
// the FastAPI ones are: the files are emitted for a sentinel resource, whose
// name forms then become linked tab stops. A route snippet is one handler cut
// out of the emitted CRUD router (the router template is the one source of
// handler text), so it cannot drift from what `new resource` writes.
// Prefixes: `ex-` + what it writes.
import { parseFieldSpec } from '../../request/fields';
import { resourceNames } from '../../request/names';
import type { ResourceSpec } from '../../request/resource';
import { expressProjectFiles } from './project';
import { emitExpressRepository, emitExpressRouter, emitExpressSchemas } from './resource';
import { expressNames } from './ts';

export interface TsSnippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

const SENTINEL = 'ZqxWidget';
const PATH_STOP = 7;

/** Sentinel name forms -> tab stops, longest first so no form eats another. */
function tabStops(): [string, string][] {
  const n = expressNames(resourceNames(SENTINEL));
  return [
    [n.classPlural, '${2:Items}'],
    [n.className, '${1:Item}'],
    [n.camelPlural, '${4:items}'],
    [n.kebabPlural, '${5:items}'],
    [n.snakePlural, '${6:items}'],
    [n.wordsPlural, '${4:items}'],
    [n.kebab, '${3:item}'],
    [n.snake, '${3:item}'],
    [n.words.charAt(0).toUpperCase() + n.words.slice(1), '${1:Item}'],
    [n.words, '${3:item}'],
  ];
}

function toSnippetBody(code: string): string[] {
  let text = code.replace(/\\/g, '\\\\').replace(/\$/g, '\\$');
  for (const [form, stop] of tabStops()) text = text.split(form).join(stop);
  return text.replace(/\n$/, '').split('\n');
}

/** The statement starting at `marker` (a line of the emitted code) through the line closing it at the same indentation. */
function cut(code: string, marker: string, closing: string): string {
  const start = code.indexOf(marker);
  const end = start < 0 ? -1 : code.indexOf(closing, start);
  if (start < 0 || end < 0) throw new Error(`the Express template no longer has ${JSON.stringify(marker.trim())}; update the snippet cuts`);
  const text = code.slice(start, end + closing.length);
  const indent = /^ */.exec(marker)![0].length;
  return text.replace(new RegExp(`^ {${indent}}`, 'gm'), '');
}

/** Where each CRUD operation's handler sits in the emitted router. */
export const EXPRESS_HANDLERS = {
  create: { verb: 'post', path: '/' },
  list: { verb: 'get', path: '/' },
  get: { verb: 'get', path: '/:id' },
  replace: { verb: 'put', path: '/:id' },
  update: { verb: 'patch', path: '/:id' },
  delete: { verb: 'delete', path: '/:id' },
} as const;
export type ExpressCrudOperation = keyof typeof EXPRESS_HANDLERS;

/**
 * One handler of the CRUD router `new resource` writes (`router.get('/:id', …);`),
 * at column 0: the text is cut out of the emitted router itself.
 */
export function expressCrudHandler(spec: Pick<ResourceSpec, 'names' | 'auth'>, op: ExpressCrudOperation): string {
  const { verb, path } = EXPRESS_HANDLERS[op];
  return cut(emitExpressRouter(spec), `  router.${verb}('${path}', `, '\n  });\n');
}

/** The handlers of the emitted CRUD router, by snippet. */
const HANDLERS: readonly { prefix: string; title: string; verb: string; path: string; what: string }[] = [
  { prefix: 'ex-post', title: 'Express POST handler', verb: 'post', path: '/', what: 'POST: zod-validated body, 201, auth on writes' },
  { prefix: 'ex-list', title: 'Express GET list handler', verb: 'get', path: '/', what: 'GET list: zod-validated limit/offset, {data, count}' },
  { prefix: 'ex-get', title: 'Express GET handler', verb: 'get', path: '/:id', what: 'GET one by :id (zod-validated), 404 when missing' },
  { prefix: 'ex-put', title: 'Express PUT handler', verb: 'put', path: '/:id', what: 'PUT replace by :id: auth, zod-validated body, 404' },
  { prefix: 'ex-patch', title: 'Express PATCH handler', verb: 'patch', path: '/:id', what: 'PATCH partial update by :id: auth, zod-validated body, 404' },
  { prefix: 'ex-delete', title: 'Express DELETE handler', verb: 'delete', path: '/:id', what: 'DELETE by :id: auth, 204, 404' },
];

function snippet(prefix: string, description: string, code: string): TsSnippet {
  return { prefix, description: `backend-skill: ${description}`, body: toSnippetBody(code) };
}

export function expressSnippets(): Record<string, TsSnippet> {
  const names = resourceNames(SENTINEL);
  const fields = parseFieldSpec('name:str:max=120 description:text?');
  const router = emitExpressRouter({ names, auth: 'writes' });
  const project = new Map(expressProjectFiles('api'));
  const file = (path: string) => {
    const text = project.get(path);
    if (text === undefined) throw new Error(`the Express project no longer has ${path}`);
    return text;
  };
  const out: Record<string, TsSnippet> = {};
  out['Express router'] = snippet('ex-router', 'CRUD router factory: Router(), auth on writes, zod validation, 404 helpers', router);
  for (const h of HANDLERS) {
    const handler = cut(router, `  router.${h.verb}('${h.path}', `, '\n  });\n');
    // The path is a tab stop of its own (default: the template's path).
    const body = toSnippetBody(handler);
    body[0] = body[0]!.replace(`router.${h.verb}('${h.path}'`, `router.${h.verb}('\${${PATH_STOP}:${h.path}}'`);
    out[h.title] = { prefix: h.prefix, description: `backend-skill: handler ${h.what}`, body };
  }
  out['zod schemas'] = snippet('ex-zod', 'zod 4 schemas Create/Update/Public/list with inferred types', emitExpressSchemas({ names, fields }));
  out['pg repository'] = snippet('ex-repo', 'pg repository: $n placeholders only, constant column lists, transactions', emitExpressRepository({ names, fields }, () => ''));
  out['Auth middleware'] = snippet('ex-auth', 'middleware: Bearer JWT of a user still in app.locals.users, 401 with WWW-Authenticate, res.locals.user', file('src/middleware/auth.ts'));
  out['Request logging middleware'] = snippet('ex-logging', 'middleware: request id and one log line per request', file('src/middleware/request-log.ts'));
  out['Rate-limit middleware'] = snippet('ex-rate-limit', 'middleware: express-rate-limit per client, 429 with Retry-After', file('src/middleware/rate-limit.ts'));
  out['CORS middleware'] = snippet('ex-cors', 'middleware: CORS restricted to the configured origins', cut(file('src/app.ts'), '  app.use(\n    cors(', '\n  );\n'));
  return out;
}
