// `add route`: one handler inserted into an existing router module. The route
// goes after the router's last route, or at the cursor when the cursor sits
// between two routes; path parameters become typed function parameters;
// missing imports are merged in once; a method + path the router already
// serves is refused. The handler answers 501 until the user fills it in, so
// the module stays importable, lint-clean and type-correct.
import type { FileView } from '../files';
import { readFastApiProject, readSchemaClasses } from '../project/fastapi';
import { parsePython, type SyntaxNode, type SyntaxTree } from '../parse/python';
import { SpecError } from '../request/fields';
import { InputError } from '../request/resource';
import { HttpMethodSchema, defaultFunctionName, functionNameSchema, parseRoutePath, type HttpMethod } from '../request/route';
import { NOT_IMPLEMENTED_BODY, NOT_IMPLEMENTED_BODY_NARROW, emitRoute, successStatus } from '../emit/fastapi/route';
import type { EditPlan, TextEdit } from './editPlan';
import { PlanError, validated } from './fastapi';
import { editPython, importSteps, type Step } from './pythonEdit';
import { planImport } from './pythonInsert';
import { routerConventions, type RouterConventions } from '../style/infer';
import type { ProjectStyle, RouteDependency } from '../style/types';

/** Standard-library packages a route module commonly imports (for import sections). */
const STDLIB_HEADS = new Set(['__future__', 'collections', 'contextlib', 'dataclasses', 'datetime', 'decimal', 'enum', 'functools', 'json', 'logging', 'os', 'typing', 'uuid']);

export interface AddRouteInput {
  /** The router module, relative to the project root (e.g. `app/routers/books.py`). */
  readonly routerPath: string;
  readonly method: string;
  /** Relative to the router's prefix: `""`, `/{book_id}/tags/{tag}`. */
  readonly path: string;
  /** Handler name; derived from method and path when absent. */
  readonly functionName?: string;
  /** A class from the project's schema modules, or none. */
  readonly responseModel?: string;
  /** Put the route behind the auth dependency (skipped when the whole router already is). */
  readonly auth: boolean;
  /**
   * `writes` (the CLI's and the editor's default): the current user on
   * writes, and on reads too where sibling reads take it. Overrides `auth`.
   */
  readonly authMode?: 'writes' | 'all' | 'none';
  /** Cursor offset in the router file's text, when the command runs in an editor. */
  readonly cursor?: number;
  /**
   * The project's inferred style. Outside our init layout the handler follows
   * its sibling routes: sync or async, the session and current-user
   * parameters they take, their id annotation and response-model habit.
   */
  readonly style?: ProjectStyle;
}

/** A route a router module already declares. */
export interface DeclaredRoute {
  readonly method: string;
  readonly path: string;
  readonly functionName: string;
  /** 1-based line of the decorator. */
  readonly line: number;
  readonly node: SyntaxNode;
}

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** The `NAME = APIRouter(...)` assignment at module level. */
export function findRouter(tree: SyntaxTree): { name: string; call: SyntaxNode } | undefined {
  for (const node of tree.rootNode.namedChildren) {
    const assign = node?.type === 'expression_statement' ? node.namedChild(0) : undefined;
    if (assign?.type !== 'assignment') continue;
    const right = assign.childForFieldName('right');
    const left = assign.childForFieldName('left');
    const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
    if ((callee === 'APIRouter' || callee === 'fastapi.APIRouter') && left?.type === 'identifier' && right) return { name: left.text, call: right };
  }
  return undefined;
}

/** The text of a plain string literal node, or undefined (f-strings and concatenations are not paths we can compare). */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== 'string' || node.descendantsOfType('interpolation').length > 0) return undefined;
  const content = node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
  return content;
}

/** Routes declared with `@ROUTER.get(...)` etc. (and `@ROUTER.api_route(path, methods=[...])`). */
export function declaredRoutes(tree: SyntaxTree, router: string): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const node of tree.rootNode.namedChildren) {
    if (node?.type !== 'decorated_definition') continue;
    const fn = node.childForFieldName('definition');
    const functionName = fn?.childForFieldName('name')?.text ?? '';
    for (const decorator of node.namedChildren) {
      if (decorator?.type !== 'decorator') continue;
      const call = decorator.namedChild(0);
      if (call?.type !== 'call') continue;
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== router) continue;
      const verb = callee.childForFieldName('attribute')?.text ?? '';
      const args = call.childForFieldName('arguments');
      const first = args?.namedChildren.find((a) => a?.type !== 'keyword_argument');
      const pathKw = args?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'path');
      const path = stringValue(first ?? pathKw?.childForFieldName('value'));
      if (path === undefined) continue;
      const line = decorator.startPosition.row + 1;
      if (ROUTE_DECORATORS.has(verb)) routes.push({ method: verb.toUpperCase(), path, functionName, line, node });
      else if (verb === 'api_route') {
        const methods = args?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'methods');
        for (const m of methods?.childForFieldName('value')?.namedChildren ?? []) {
          const value = stringValue(m);
          if (value) routes.push({ method: value.toUpperCase(), path, functionName, line, node });
        }
      }
    }
  }
  return routes;
}

/** `/{a}/x` and `/{b}/x` match the same requests: compare paths with parameter names erased. */
export const routeKey = (method: string, path: string) => `${method} ${path.replace(/\{[^}]*\}/g, '{}').replace(/\/$/, '') || '/'}`;

/** Does the router's own APIRouter(...) call already require the current user? */
export function routerRequiresAuth(call: SyntaxNode): boolean {
  const deps = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'dependencies');
  return /\bget_current_user\b/.test(deps?.text ?? '');
}

/** Names bound at module level: functions, classes, assignments and imports (a new handler must not rebind one). */
export function moduleBindings(tree: SyntaxTree): Set<string> {
  const names = new Set<string>();
  for (const node of tree.rootNode.namedChildren) {
    if (!node) continue;
    const def = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (def?.type === 'function_definition' || def?.type === 'class_definition') names.add(def.childForFieldName('name')?.text ?? '');
    const assign = node.type === 'expression_statement' ? node.namedChild(0) : undefined;
    if (assign?.type === 'assignment' && assign.childForFieldName('left')?.type === 'identifier') names.add(assign.childForFieldName('left')!.text);
    if (node.type === 'import_from_statement' || node.type === 'import_statement') {
      for (const imported of node.childrenForFieldName('name')) {
        if (!imported || (node.type === 'import_from_statement' && imported === node.childForFieldName('module_name'))) continue;
        const bound = imported.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : imported.text.split('.')[0];
        if (bound) names.add(bound);
      }
    }
  }
  return names;
}

function lineAfter(source: string, index: number): number {
  const nl = source.indexOf('\n', index);
  return nl < 0 ? source.length : nl + 1;
}

/**
 * The top-level statement the route goes after: the one before the cursor
 * when the cursor is in the blank space between two routes (or right after
 * the last one), else the router's last route, else the module's last statement.
 */
function anchorFor(tree: SyntaxTree, routes: readonly DeclaredRoute[], cursor: number | undefined): SyntaxNode {
  const top = tree.rootNode.namedChildren.filter((n): n is SyntaxNode => n !== null && n.type !== 'comment');
  const routeNodes = new Set(routes.map((r) => r.node.id));
  const lastRoute = routes.length ? routes.reduce((a, b) => (a.node.endIndex > b.node.endIndex ? a : b)).node : undefined;
  if (cursor !== undefined && lastRoute) {
    const gap = top.findIndex((node, i) => node.endIndex <= cursor && (top[i + 1]?.startIndex ?? Infinity) > cursor);
    const before = gap >= 0 ? top[gap]! : undefined;
    const firstRouteIndex = top.findIndex((n) => routeNodes.has(n.id));
    if (before && gap >= firstRouteIndex && firstRouteIndex >= 0 && before.endIndex <= lastRoute.endIndex) return before;
  }
  return lastRoute ?? top[top.length - 1]!;
}

/** The handler's source: decorator, signature with path parameters, a 501 body. */
export function handlerSource(o: {
  router: string;
  method: HttpMethod;
  path: string;
  name: string;
  params: readonly { name: string; type: string }[];
  responseModel: string | undefined;
  auth: boolean;
  repositoryDep: boolean;
  /** Sibling conventions, outside the init layout. */
  conventions?: RouterConventions;
  /** Names the module binds (their imports are already there). */
  bound?: ReadonlySet<string>;
  /** The module imports MAX_ID (an init router): int ids are bounded by it, as the CRUD routes' are. */
  maxId?: boolean;
}): { text: string; imports: Map<string, Set<string>> } {
  const imports = new Map<string, Set<string>>();
  const need = (module: string, name: string) => imports.set(module, (imports.get(module) ?? new Set()).add(name));
  const needAll = (dep: RouteDependency) => {
    for (const imp of dep.imports) for (const n of imp.names) if (!o.bound?.has(n)) need(imp.module, n);
  };
  const c = o.conventions;
  need('fastapi', 'HTTPException');
  need('fastapi', 'status');
  if (o.method === 'DELETE') need('fastapi', 'Response');
  const userParam = c?.currentUser && o.auth ? c.currentUser : undefined;
  if (o.auth && !userParam) {
    need('fastapi', 'Depends');
    need('app.deps', 'get_current_user');
  }
  // Path ids take the annotation sibling routes give theirs (`uuid.UUID` in a uuid project);
  // in an init router, the bound of the BIGINT keys, so an id past them is a 422, not a driver overflow.
  const bounded = o.maxId && !c && o.params.some((p) => p.type === 'int');
  if (bounded) {
    need('typing', 'Annotated');
    need('fastapi', 'Path');
  }
  const params = o.params.map((p) => `${p.name}: ${c?.idAnnotation && p.type === 'int' ? c.idAnnotation : bounded && p.type === 'int' ? 'Annotated[int, Path(ge=1, le=MAX_ID)]' : p.type}`);
  if (o.repositoryDep) params.push('repo: RepositoryDep');
  const taken = new Set(o.params.map((p) => p.name));
  for (const dep of [c?.session ?? c?.dataDependency, userParam]) {
    if (!dep || taken.has(dep.name)) continue;
    taken.add(dep.name);
    needAll(dep);
    params.push(dep.parameter);
  }
  // Python wants parameters with defaults (`db: Session = Depends(get_db)`) after those without.
  params.sort((a, b) => Number(/=/.test(a.replace(/\[[^\]]*\]/g, ''))) - Number(/=/.test(b.replace(/\[[^\]]*\]/g, ''))));
  const statusCode = successStatus(o.method);
  const text = emitRoute({
    router: o.router,
    method: o.method,
    path: o.path,
    name: o.name,
    params,
    ...(statusCode ? { statusCode } : {}),
    ...(o.method === 'DELETE' ? { responseClass: 'Response' } : {}),
    summary: summaryOf(o.method, o.path, o.name),
    ...(o.auth && !userParam ? { dependencies: ['Depends(get_current_user)'] } : {}),
    // The return annotation is the response model (FastAPI reads it; a matching response_model= would be redundant),
    // unless sibling routes declare response_model= (then their return annotation, e.g. `Any`).
    ...(c?.responseModel && o.responseModel && o.method !== 'DELETE' ? { responseModel: o.responseModel } : {}),
    // Only a generic sibling annotation (`Any`) is copied; a sibling's own ORM type says nothing about this route.
    returns: o.method === 'DELETE' || !o.responseModel ? 'None' : c?.responseModel?.returns === 'Any' ? 'Any' : o.responseModel,
    body: c ? NOT_IMPLEMENTED_BODY_NARROW : NOT_IMPLEMENTED_BODY,
    ...(c && !c.async ? { sync: true } : {}),
    // A project's own line length is unknown: its routes fit ruff's default of 88.
    ...(c ? { width: 88 } : {}),
  });
  if (c?.responseModel?.returns === 'Any' && o.responseModel && o.method !== 'DELETE' && !o.bound?.has('Any')) need('typing', 'Any');
  return { text, imports };
}

/** "Get tags" for `get_tags`: the handler's name in words. */
function summaryOf(method: HttpMethod, path: string, name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : `${method} ${path}`;
}

/** Plan one route in a router module. Throws InputError (bad input) or PlanError (project state). */
export async function planAddRoute(view: FileView, input: AddRouteInput): Promise<EditPlan> {
  const method = HttpMethodSchema.safeParse(input.method.toUpperCase());
  if (!method.success) throw new InputError('method', method.error.issues[0]!.message);
  const path = input.path.trim();
  let params;
  try {
    params = parseRoutePath(path);
  } catch (error) {
    if (error instanceof SpecError) throw new InputError('path', error.describe(), error.token, error.offset);
    throw error;
  }
  const original = await view.readFile(input.routerPath);
  if (original === undefined) throw new PlanError(`${input.routerPath} does not exist; open a router module (e.g. app/routers/books.py)`);
  const project = await readFastApiProject(view);
  const conventions = input.style && !input.style.initLayout ? routerConventions(input.style, input.routerPath) : undefined;
  let responseModule: string | undefined;
  if (input.responseModel && conventions) {
    // Outside the init layout a response model may live anywhere (SQLModel DTOs beside the models).
    responseModule = conventions.classModule(input.responseModel);
    if (!responseModule) throw new InputError('response-model', `response model ${input.responseModel} is not a class in this project`);
  } else if (input.responseModel) {
    const schemas = await readSchemaClasses(view, project);
    const found = schemas.find((s) => s.className === input.responseModel);
    if (!found) {
      const known = schemas.map((s) => s.className).slice(0, 12).join(', ') || 'none';
      throw new InputError('response-model', `response model ${input.responseModel} is not a class in app/schemas (found: ${known})`);
    }
    responseModule = found.path.replace(/\.py$/, '').replace(/\//g, '.');
  }
  const bom = original.startsWith('\uFEFF') ? 1 : 0;
  let name = input.functionName?.trim() ?? '';
  const notes: string[] = [];
  const steps: Step[] = [
    (source, tree, queue) => {
      const router = findRouter(tree);
      if (!router) throw new PlanError(`${input.routerPath} has no \`router = APIRouter(...)\` at module level; run Add Route in a router module`);
      const routes = declaredRoutes(tree, router.name);
      const clash = routes.find((r) => routeKey(r.method, r.path) === routeKey(method.data, path));
      if (clash) {
        throw new InputError('path', `${method.data} ${path || '""'} already exists in ${input.routerPath} (${clash.functionName}, line ${clash.line}); choose another method or path`);
      }
      const functions = moduleBindings(tree);
      if (name) {
        const valid = functionNameSchema.safeParse(name);
        if (!valid.success) throw new InputError('function', `function name "${name}": ${valid.error.issues[0]!.message}`);
        if (functions.has(name)) throw new InputError('function', `${input.routerPath} already defines or imports ${name}; choose another function name`);
      } else {
        const stem = input.routerPath.replace(/^.*\//, '').replace(/\.py$/, '');
        const base = defaultFunctionName(method.data, path, stem);
        name = base;
        for (let i = 2; functions.has(name); i++) name = `${base}_${i}`;
      }
      const protectedRouter = routerRequiresAuth(router.call) || (conventions?.routerAuth ?? false);
      const wantsAuth = input.authMode === undefined ? input.auth
        : input.authMode === 'all' || (input.authMode === 'writes' && (method.data !== 'GET' || (conventions?.readsTakeUser ?? false)));
      if (wantsAuth && protectedRouter) notes.push(`${input.routerPath} already requires a bearer token for every route`);
      const repositoryDep = /^RepositoryDep\s*=/m.test(source);
      const handler = handlerSource({
        router: router.name, method: method.data, path, name, params, responseModel: input.responseModel || undefined,
        auth: wantsAuth && !protectedRouter, repositoryDep, ...(conventions ? { conventions, bound: functions } : {}),
        maxId: functions.has('MAX_ID'),
      });
      if (responseModule && input.responseModel && !functions.has(input.responseModel)) handler.imports.set(responseModule, new Set([input.responseModel]));
      queue.push(...importSteps(handler.imports));
      // `uuid.UUID` path ids need the plain import (a no-op when the module has it).
      if (/\buuid\.UUID\b/.test(handler.text)) {
        queue.push((s, t) => {
          const edit = planImport(s, t, 'uuid');
          // Placed right above a third-party import (no stdlib section yet): isort wants the sections a blank line apart.
          const next = edit ? /^(?:from|import)\s+([\w.]+)/.exec(s.slice(edit.end)) : null;
          if (edit && next && !STDLIB_HEADS.has(next[1]!.split('.')[0]!) && edit.text.endsWith('\n') && !edit.text.endsWith('\n\n')) return { ...edit, text: `${edit.text}\n` };
          return edit;
        });
      }
      const anchor = anchorFor(tree, routes, input.cursor === undefined ? undefined : Math.max(0, input.cursor - bom));
      const at = lineAfter(source, anchor.endIndex);
      const newline = at > 0 && source[at - 1] !== '\n' ? '\n' : '';
      return { start: at, end: at, text: `${newline}\n\n${handler.text}` } satisfies TextEdit;
    },
  ];
  const { change, result } = await editPython(input.routerPath, original, steps, (m) => new PlanError(m));
  if (!change) throw new PlanError('internal: nothing to insert');
  const focus = result.search(new RegExp(`(async )?def ${name}\\(`));
  notes.unshift(`${method.data} ${path || '""'} -> ${name} in ${input.routerPath}`);
  const plan = await validated({ changes: [change], notes, ...(focus >= 0 ? { focus: { path: input.routerPath, offset: focus } } : {}) }, view);
  return plan;
}

/** The routes a router module declares, for live duplicate checks in an input box. */
export async function routesIn(source: string): Promise<{ method: string; path: string; functionName: string; line: number }[]> {
  const tree = await parsePython(source.replace(/^\uFEFF/, ''));
  try {
    const router = findRouter(tree);
    return router ? declaredRoutes(tree, router.name).map(({ method, path, functionName, line }) => ({ method, path, functionName, line })) : [];
  } finally {
    tree.delete();
  }
}

/** Do two routes answer the same requests? (Parameter names do not matter, a trailing slash neither.) */
export const sameRoute = (a: { method: string; path: string }, b: { method: string; path: string }): boolean =>
  routeKey(a.method.toUpperCase(), a.path.trim()) === routeKey(b.method.toUpperCase(), b.path.trim());
