// What one Python file contributes to the route explorer: the FastAPI apps
// and APIRouters it declares (with their own prefixes) and the routes hanging
// off them, each with its auth status computed by `routeAuth` — the code
// behind the missing-auth rule — so the explorer's lock and the diagnostic
// never disagree. Includes (`include_router`) come from the project facts'
// per-file pass (`fileFacts`), which the index keeps anyway.
import type { SyntaxNode } from '../parse/python';
import type { ProjectFacts } from '../analysis/project';
import { missesAuth } from '../analysis/rules/missing-auth';
import { keywordArg, mayHaveRoutes, PyFile, type Route } from '../analysis/python/pyfile';
import { authIndex, fileModel, isFlaskRoute, isHttpRoute, routeAuth, type AnalysedFile } from '../analysis/python/routes';
import type { DeclaredRoute, DeclaredRouter, SourceSpan } from './model';

export interface PythonRouteSummary {
  readonly routers: readonly DeclaredRouter[];
  readonly routes: readonly DeclaredRoute[];
}

export const NO_ROUTES: PythonRouteSummary = { routers: [], routes: [] };

/** A cheap necessary condition for a file to declare a FastAPI app, router or route. */
export function mayDeclareRoutes(source: string): boolean {
  return source.includes('FastAPI') || source.includes('APIRouter') || mayHaveRoutes(source);
}

const spanOf = (node: SyntaxNode): SourceSpan => ({
  start: { line: node.startPosition.row, character: node.startPosition.column },
  end: { line: node.endPosition.row, character: node.endPosition.column },
});

const APP_DECL = /^[ \t]*(\w+)[ \t]*(?::[^=\n]+)?=[ \t]*(?:[\w.]*\.)?(FastAPI|APIRouter)[ \t]*\(/gm;

/** Apps and routers: module-level ones from the route model, plus those built inside functions (app factories). */
function declaredRouters(py: PyFile): DeclaredRouter[] {
  const out = new Map<string, DeclaredRouter>();
  for (const decl of fileModel(py).routers.values()) {
    if (decl.kind !== 'fastapi' && decl.kind !== 'apirouter') continue;
    const prefixNode = keywordArg(decl.call, 'prefix');
    const prefix = decl.prefix ?? (prefixNode ? `<${prefixNode.text}>` : '');
    const expression = decl.prefix === undefined && prefixNode ? { prefixExpression: prefixNode.text } : {};
    out.set(decl.name, { variable: decl.name, kind: decl.kind === 'fastapi' ? 'app' : 'router', prefix, ...expression, location: spanOf(decl.call.parent?.childForFieldName('left') ?? decl.call) });
  }
  for (const m of py.source.matchAll(APP_DECL)) {
    if (out.has(m[1]!)) continue;
    const at = m.index! + m[0].length - 1;
    let call: SyntaxNode | null = py.tree.rootNode.descendantForIndex(at, at + 1);
    while (call && call.type !== 'call') call = call.parent;
    if (!call) continue;
    const prefixNode = keywordArg(call, 'prefix');
    const constant = prefixNode ? py.constantString(prefixNode) : '';
    const prefix = constant ?? `<${prefixNode!.text}>`;
    const left = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left') : null;
    out.set(m[1]!, { variable: m[1]!, kind: m[2] === 'FastAPI' ? 'app' : 'router', prefix, ...(constant === undefined ? { prefixExpression: prefixNode!.text } : {}), location: spanOf(left ?? call) });
  }
  return [...out.values()];
}

function routePath(py: PyFile, route: Route): string {
  if (route.path !== undefined) return route.path;
  if (!route.pathNode) return '';
  return py.constantString(route.pathNode) ?? `<${route.pathNode.text}>`;
}

/**
 * The routers and routes of one parsed Python file. `path` is the file's
 * workspace-relative path (module names and router guards are matched by it),
 * `project` the current project facts.
 */
export function pythonRoutes(path: string, source: string, tree: PyFile['tree'], project: ProjectFacts): PythonRouteSummary {
  const py = new PyFile(source, tree);
  // One walk inside WASM for what `imports` and `routes` would each walk the tree for (as the engine does).
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement', 'decorated_definition'])) {
    if (!node) continue;
    const list = byType.get(node.type) ?? [];
    list.push(node);
    byType.set(node.type, list);
  }
  py.useCollected(byType);
  const file: AnalysedFile = { py, path, project };
  const routers = declaredRouters(py);
  const candidates = py.routes.filter((r) => isHttpRoute(py, r) && !isFlaskRoute(py, r));
  if (candidates.length === 0) return { routers, routes: [] };
  const index = authIndex(file);
  const routes = candidates.map((route): DeclaredRoute => {
    const auth = routeAuth(route, file, index);
    const name = route.fn.childForFieldName('name') ?? route.decorator;
    return {
      methods: route.methods.map((m) => m.toUpperCase()),
      path: routePath(py, route),
      owner: route.owner,
      handler: route.name,
      location: spanOf(name),
      auth: { status: auth.status, reason: auth.reason, flagged: missesAuth(path, py, route, index, auth) },
    };
  });
  return { routers, routes };
}
