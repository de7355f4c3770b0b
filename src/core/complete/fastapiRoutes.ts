// Route completions for a FastAPI router module: handler skeletons that use
// the module's own router variable and prefix, the resource's DTOs and model
// found in the workspace, and the dependencies the project defines
// (`CurrentUserDep` for writes, `SessionDep`, the module's `RepositoryDep`).
// The handlers come from the same emitters as the CRUD router and Add Route;
// names they use that the module lacks become import edits, merged into the
// module's imports the way the planners merge them. Offered only where a new
// top-level statement starts, never inside a string or a comment (decided on
// the syntax tree, not by a pattern on the line).
import type { FileView } from '../files';
import { crudRoute, CRUD_OPERATIONS, type CrudOperation } from '../emit/fastapi/resource';
import { emitRoute, NOT_IMPLEMENTED_BODY, successStatus, type RouteTemplate } from '../emit/fastapi/route';
import { parsePython, type SyntaxNode, type SyntaxTree } from '../parse/python';
import { applyEdits, type TextEdit } from '../plan/editPlan';
import { diffToEdits, planSortedFromImport } from '../plan/pythonEdit';
import { declaredRoutes, findRouter, moduleBindings, routerRequiresAuth, stringValue } from '../plan/route';
import { readFastApiProject, readSchemaClasses } from '../project/fastapi';
import { resourceNames, type ResourceNames } from '../request/names';
import type { HttpMethod } from '../request/route';
import { planImport } from '../plan/pythonInsert';
import { inferStyle } from '../style/infer';
import type { ProjectStyle } from '../style/types';
import { styledRouteCompletions } from './styledRoutes';

/** What the workspace offers a router module: classes and dependencies, with the modules they live in. */
export interface RouteCompletionFacts {
  /** Pydantic classes of the schema modules: name -> module (`app.schemas.author`). */
  readonly schemas: ReadonlyMap<string, string>;
  /** SQLAlchemy models: name -> module. */
  readonly models: ReadonlyMap<string, string>;
  /** Names defined at the top of the dependencies module (aliases and functions): name -> module. */
  readonly dependencies: ReadonlyMap<string, string>;
  /** Project helpers the generated handlers call (`repository_errors`, `error_responses`): name -> module. */
  readonly helpers: ReadonlyMap<string, string>;
  /** The project's inferred style, when it is not the init layout: routes then follow each module's siblings. */
  readonly style?: ProjectStyle;
}

export interface RouteCompletion {
  /** `@router.get /{author_id}` */
  readonly label: string;
  readonly filterText: string;
  readonly sortText: string;
  /** One line: what the route does and what it uses. */
  readonly detail: string;
  /** The inserted code with its defaults (for the documentation pane). */
  readonly preview: string;
  /** Snippet syntax (tab stops) replacing `replace`. */
  readonly snippet: string;
  /** The typed text the snippet replaces: offsets in the source. */
  readonly replace: { readonly start: number; readonly end: number };
  /** Imports the route needs, as edits of the source (never touching `replace`). */
  readonly additionalEdits: readonly TextEdit[];
}

/** Where the names FastAPI and typing provide come from. */
const LIBRARY_NAMES: ReadonlyMap<string, string> = new Map([
  ...['APIRouter', 'Depends', 'HTTPException', 'Path', 'Query', 'Response', 'status'].map((n) => [n, 'fastapi'] as const),
  ['Annotated', 'typing'],
]);

const DEPS_MODULE = 'app/deps.py';
const HELPERS: readonly { name: string; path: string }[] = [
  { name: 'repository_errors', path: 'app/errors.py' },
  { name: 'error_responses', path: 'app/schemas/common.py' },
  // The id bound of the BIGINT keys: where the project has it, ids and offsets are bounded as `new resource` does.
  { name: 'MAX_ID', path: 'app/schemas/common.py' },
];

const moduleOf = (path: string) => path.replace(/\.py$/, '').replace(/\//g, '.');

/** Top-level names of a module: `X = ...` assignments and function definitions (public ones). */
async function topLevelNames(source: string): Promise<string[]> {
  const tree = await parsePython(source);
  try {
    const names: string[] = [];
    for (const node of tree.rootNode.namedChildren) {
      const def = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (def?.type === 'function_definition') names.push(def.childForFieldName('name')?.text ?? '');
      const assign = node?.type === 'expression_statement' ? node.namedChild(0) : undefined;
      const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
      if (left?.type === 'identifier') names.push(left.text);
    }
    return names.filter((n) => n && !n.startsWith('_'));
  } finally {
    tree.delete();
  }
}

/** Read the facts completions need from a project laid out like `init fastapi` makes it. */
export async function readRouteCompletionFacts(view: FileView): Promise<RouteCompletionFacts> {
  const project = await readFastApiProject(view);
  const [schemas, deps, style] = await Promise.all([readSchemaClasses(view, project), view.readFile(DEPS_MODULE), inferStyle(view)]);
  const helpers = new Map<string, string>();
  for (const h of HELPERS) {
    const text = project.existing.has(h.path) ? await view.readFile(h.path) : undefined;
    if (text && new RegExp(`^(?:def|async def) ${h.name}\\b|^${h.name}\\s*=`, 'm').test(text)) helpers.set(h.name, moduleOf(h.path));
  }
  return {
    schemas: new Map(schemas.map((s) => [s.className, moduleOf(s.path)])),
    models: new Map(project.models.map((m) => [m.className, moduleOf(m.path)])),
    dependencies: new Map(deps ? (await topLevelNames(deps)).map((n) => [n, moduleOf(DEPS_MODULE)]) : []),
    helpers,
    ...(style.initLayout ? {} : { style }),
  };
}

/** Node types that put the cursor somewhere a new route cannot start. */
const NO_ROUTE_HERE = new Set([
  'string', 'string_content', 'comment', 'concatenated_string', 'interpolation', 'argument_list', 'parameters',
  'list', 'dict', 'set', 'tuple', 'parenthesized_expression', 'subscript', 'block', 'lambda',
]);

/** Does a string node end with real closing quotes (not missing ones inserted by error recovery)? */
function closedString(node: SyntaxNode): boolean {
  const end = node.lastChild;
  return end?.type === 'string_end' && !end.isMissing && end.endIndex > end.startIndex;
}

/**
 * Is `offset` where a new top-level statement starts (what is typed so far on
 * the line being `@`, `@router.ge`, `post`…), outside strings and comments?
 * Returns the start of the typed text, or undefined.
 */
export function routeInsertionStart(source: string, tree: SyntaxTree, offset: number): number | undefined {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const typed = source.slice(lineStart, offset);
  const lineEnd = source.indexOf('\n', offset);
  const rest = source.slice(offset, lineEnd < 0 ? source.length : lineEnd);
  if (!/^@?[A-Za-z_.]*$/.test(typed) || rest.trim() !== '') return undefined;
  // A string opened above and never closed (error recovery leaves its opening quotes in an ERROR node).
  for (const quote of tree.rootNode.descendantsOfType('string_start')) {
    if (quote && quote.startIndex < offset && (quote.parent?.type !== 'string' || !closedString(quote.parent))) return undefined;
  }
  // The smallest node around the cursor (and the one just before it), and everything enclosing them.
  const probes = [tree.rootNode.descendantForIndex(offset, offset)];
  if (offset > 0) probes.push(tree.rootNode.descendantForIndex(offset - 1, offset));
  for (const probe of probes) {
    for (let node: SyntaxNode | null = probe; node; node = node.parent) {
      if (!NO_ROUTE_HERE.has(node.type) || node.startIndex >= offset) continue;
      if (offset < node.endIndex) return undefined;
      // Ending exactly at the cursor: a comment, or a string still open (its closing quotes missing), holds it.
      if (node.type === 'comment' || (node.type === 'string' && !closedString(node))) return undefined;
    }
  }
  return lineStart;
}

/** The router's `prefix=` value, when it is a plain string. */
function routerPrefix(call: SyntaxNode): string | undefined {
  const prefix = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'prefix');
  return stringValue(prefix?.childForFieldName('value'));
}

/** The resource a router serves: a model or DTO family whose plural matches the prefix or the module name. */
function resourceOf(prefix: string | undefined, moduleStem: string | undefined, facts: RouteCompletionFacts): ResourceNames | undefined {
  const segment = prefix?.split('/').filter((s) => s && !s.startsWith('{')).pop();
  const candidates = new Set([...facts.models.keys(), ...[...facts.schemas.keys()].filter((c) => c.endsWith('Public')).map((c) => c.slice(0, -'Public'.length))]);
  for (const className of [...candidates].sort()) {
    if (!className) continue;
    const names = resourceNames(className);
    if ((segment && names.kebabPlural === segment) || (moduleStem && names.snakePlural === moduleStem)) {
      if (facts.schemas.has(`${className}Public`)) return names;
    }
  }
  return undefined;
}

/** Identifiers the code reads (not attribute names, keyword names, parameters or definitions). */
function namesRead(tree: SyntaxTree): Set<string> {
  const out = new Set<string>();
  const walk = (node: SyntaxNode) => {
    if (node.type === 'identifier') {
      const parent = node.parent;
      const field = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id;
      const keyword = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id;
      const defined = (parent?.type === 'function_definition' && parent.childForFieldName('name')?.id === node.id) || parent?.type === 'typed_parameter' || parent?.type === 'default_parameter' || parent?.type === 'typed_default_parameter' || parent?.type === 'parameters';
      if (!field && !keyword && !defined) out.add(node.text);
    }
    for (const child of node.namedChildren) if (child) walk(child);
  };
  walk(tree.rootNode);
  return out;
}

/** The `from module import name` pairs `code` needs that the module (its top-level names: `bound`) lacks. */
async function wantedImports(code: string, bound: ReadonlySet<string>, facts: RouteCompletionFacts): Promise<{ module: string; name: string }[]> {
  const codeTree = await parsePython(code);
  let read: Set<string>;
  try {
    read = namesRead(codeTree);
  } finally {
    codeTree.delete();
  }
  const wanted: { module: string; name: string }[] = [];
  for (const name of [...read].sort()) {
    if (bound.has(name)) continue;
    const module = LIBRARY_NAMES.get(name) ?? facts.schemas.get(name) ?? facts.models.get(name) ?? facts.dependencies.get(name) ?? facts.helpers.get(name);
    if (module) wanted.push({ module, name });
  }
  return wanted;
}

/**
 * Import edits adding `wanted` to the module, merged into existing
 * `from x import ...` statements (sorted, parenthesised lists kept) or added
 * isort-style. Offsets are in `source`.
 */
async function importEdits(source: string, tree: SyntaxTree, wanted: readonly { module: string; name: string }[]): Promise<TextEdit[]> {
  let current = source;
  let currentTree: SyntaxTree | undefined;
  try {
    for (const { module, name } of wanted) {
      const edit = planSortedFromImport(current, currentTree ?? tree, module, name);
      if (!edit) continue;
      current = applyEdits(current, [edit]);
      currentTree?.delete();
      currentTree = await parsePython(current);
    }
  } finally {
    currentTree?.delete();
  }
  return current === source ? [] : diffToEdits(source, current);
}

/** Escape snippet syntax in emitted code, then turn `stops` (literal -> placeholder) into tab stops. */
function toSnippet(code: string, stops: readonly [string, string][]): string {
  let text = code.replace(/\\/g, '\\\\').replace(/\$/g, '\\$');
  for (const [literal, stop] of stops) text = text.split(literal).join(stop);
  return text.replace(/\n$/, '');
}

interface Planned {
  readonly op: string;
  readonly method: HttpMethod;
  readonly template: RouteTemplate;
  /** The path parameter's name (a linked tab stop), if any. */
  readonly idName?: string;
}

const OP_LABEL: Record<CrudOperation, string> = { create: 'create', list: 'list', get: 'get one', replace: 'replace', update: 'update some fields', delete: 'delete' };

/** The routes offered for a router serving `names` through the module's RepositoryDep. */
function resourceRoutes(router: string, names: ResourceNames, auth: 'writes' | 'none', authParam: string | undefined, routerAuth: boolean, inline404: boolean, maxId: string | undefined): Planned[] {
  return CRUD_OPERATIONS.map((op) => {
    const template = crudRoute(op, { names, auth }, { router, inline404, routerAuth, ...(authParam ? { authParam } : {}), ...(maxId ? { maxId } : {}) });
    return { op: OP_LABEL[op], method: template.method, template, ...(template.path ? { idName: `${names.snake}_id` } : {}) };
  });
}

/** Routes for any router: typed path parameter, the session and the user as dependencies, a 501 body to fill in. */
function genericRoutes(router: string, stem: string, sessionDep: boolean, authParam: string | undefined, authFn: boolean, routerAuth: boolean): Planned[] {
  const methods: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return methods.map((method) => {
    const withId = method !== 'POST';
    const idName = 'item_id';
    const guarded = method !== 'GET' && !routerAuth && (authParam !== undefined || authFn);
    const params = [...(withId ? [`${idName}: int`] : []), ...(sessionDep ? ['session: SessionDep'] : []), ...(guarded && authParam ? [authParam] : [])];
    const statusCode = successStatus(method);
    const name = `${method.toLowerCase()}_${stem}`;
    const template: RouteTemplate = {
      router, method, path: withId ? `/{${idName}}` : '', name, params,
      ...(statusCode ? { statusCode } : {}),
      ...(method === 'DELETE' ? { responseClass: 'Response' } : {}),
      summary: name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      ...(guarded && !authParam ? { dependencies: ['Depends(get_current_user)'] } : {}),
      returns: 'None',
      body: NOT_IMPLEMENTED_BODY,
    };
    return { op: method.toLowerCase(), method, template, ...(withId ? { idName } : {}) };
  });
}

/**
 * Route completions at `offset` of a router module (`path` relative to the
 * project root, for the module's name), or [] when none belong there.
 */
export async function fastapiRouteCompletions(source: string, offset: number, facts: RouteCompletionFacts, path = ''): Promise<RouteCompletion[]> {
  // Only the typed word may precede the cursor on its line (an identifier cannot open a string or a comment,
  // so the module without it is checked, and parsed once: the route replaces the word).
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  if (!/^@?[A-Za-z_.]*$/.test(source.slice(start, offset)) || !source.includes('APIRouter')) return [];
  const base = source.slice(0, start) + source.slice(offset);
  const baseTree = await parsePython(base);
  try {
    const router = findRouter(baseTree);
    if (!router || routeInsertionStart(base, baseTree, start) === undefined) return [];
    const bound = moduleBindings(baseTree);
    if (facts.style && path) {
      const styled = styledRouteCompletions(facts.style, path, router.name, routerPrefix(router.call), bound, declaredRoutes(baseTree, router.name));
      if (styled) return await styledItems(styled, { base, baseTree, start, offset, router: router.name, prefix: routerPrefix(router.call) ?? '' });
    }
    const stem = /([A-Za-z_]\w*)\.py$/.exec(path)?.[1];
    const names = resourceOf(routerPrefix(router.call), stem, facts);
    const routerAuth = routerRequiresAuth(router.call);
    const authParam = facts.dependencies.has('CurrentUserDep') ? 'current_user: CurrentUserDep' : undefined;
    const authFn = facts.dependencies.has('get_current_user') || bound.has('get_current_user');
    const planned = names && bound.has('RepositoryDep')
      ? resourceRoutes(router.name, names, authParam || authFn ? 'writes' : 'none', authParam, routerAuth, !bound.has('get_or_404'), bound.has('MAX_ID') || facts.helpers.has('MAX_ID') ? 'MAX_ID' : undefined)
      : genericRoutes(router.name, stem && stem !== '__init__' ? stem.replace(/s$/, '') : 'item', facts.dependencies.has('SessionDep') || bound.has('SessionDep'), authParam, authFn, routerAuth);
    const prefix = routerPrefix(router.call) ?? '';
    const out: RouteCompletion[] = [];
    const importPlans = new Map<string, TextEdit[]>();
    for (const [i, p] of planned.entries()) {
      const code = emitRoute(p.template);
      // Routes needing the same imports share one plan.
      const wanted = await wantedImports(code, bound, facts);
      const key = JSON.stringify(wanted);
      let edits = importPlans.get(key);
      if (!edits) importPlans.set(key, (edits = await importEdits(base, baseTree, wanted)));
      // Edits sit in the imports, above the typed line; shift any that come after it back to source offsets.
      const shift = offset - start;
      const additionalEdits = edits.map((e) => (e.start >= start ? { ...e, start: e.start + shift, end: e.end + shift } : e));
      const stops: [string, string][] = [];
      if (p.idName) stops.push([`${p.idName}`, `\${1:${p.idName}}`]);
      stops.push([`async def ${p.template.name}(`, `async def \${2:${p.template.name}}(`]);
      const label = `@${router.name}.${p.method.toLowerCase()}`;
      const uses = [...(p.template.params.filter((x) => /Dep$/.test(x)).map((x) => x.split(': ')[1]))];
      out.push({
        label: `${label} ${p.template.path || '""'}`,
        filterText: `${label} ${p.op}`,
        sortText: `0${i}`,
        detail: `${p.method} ${prefix}${p.template.path}: ${p.op}${uses.length ? ` (${uses.join(', ')})` : ''}`,
        preview: code,
        snippet: `${toSnippet(code, stops)}\n$0`,
        replace: { start, end: offset },
        additionalEdits,
      });
    }
    return out;
  } finally {
    baseTree.delete();
  }
}

/** Completion items for routes in the project's own style (imports merged as for init routers; `import uuid` where ids need it). */
async function styledItems(
  routes: ReturnType<typeof styledRouteCompletions> & object,
  at: { base: string; baseTree: SyntaxTree; start: number; offset: number; router: string; prefix: string },
): Promise<RouteCompletion[]> {
  const out: RouteCompletion[] = [];
  const plans = new Map<string, TextEdit[]>();
  for (const [i, r] of routes.entries()) {
    const key = JSON.stringify([r.imports, r.plainImports]);
    let edits = plans.get(key);
    if (!edits) {
      let current = at.base;
      for (const m of r.plainImports) {
        const tree = await parsePython(current);
        try {
          const edit = planImport(current, tree, m);
          if (edit) current = applyEdits(current, [edit]);
        } finally {
          tree.delete();
        }
      }
      const tree = await parsePython(current);
      try {
        const merged = applyEdits(current, await importEdits(current, tree, r.imports));
        edits = merged === at.base ? [] : diffToEdits(at.base, merged);
      } finally {
        tree.delete();
      }
      plans.set(key, edits);
    }
    const shift = at.offset - at.start;
    const additionalEdits = edits.map((e) => (e.start >= at.start ? { ...e, start: e.start + shift, end: e.end + shift } : e));
    const def = /^(async )?def /m.exec(r.code)?.[0] ?? 'def ';
    const stops: [string, string][] = [];
    if (r.idName) stops.push([r.idName, `\${1:${r.idName}}`]);
    stops.push([`${def}${r.name}(`, `${def}\${2:${r.name}}(`]);
    const label = `@${at.router}.${r.method.toLowerCase()}`;
    out.push({
      label: `${label} ${r.path || '""'}`,
      filterText: `${label} ${r.op}`,
      sortText: `0${i}`,
      detail: `${r.method} ${at.prefix}${r.path}: ${r.op}${r.uses.length ? ` (${r.uses.join(', ')})` : ''}`,
      preview: r.code,
      snippet: `${toSnippet(r.code, stops)}\n$0`,
      replace: { start: at.start, end: at.offset },
      additionalEdits,
    });
  }
  return out;
}
