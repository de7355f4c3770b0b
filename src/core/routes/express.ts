// What one TypeScript/JavaScript file contributes to the route explorer, read
// from the TypeScript engine's route model (`TsFile.routes` / `TsFile.mounts`,
// no second parser): Express apps (`express()`), the routes registered in the
// file, and its mounts (`app.use('/authors', authorsRouter(deps))`).
//
// Routes are grouped by the top-level declaration that registers them: the
// router factory of the generated layout (`export function authorsRouter(deps)
// { const router = Router(); router.post(...); return router; }`) is one
// router named `authorsRouter`, which is also the name the mount refers to;
// routes registered at top level group by their receiver (`router`). Auth is
// the TypeScript missing-auth rule's own verdict (`routeVerdict`: middleware
// on the route, `router.use(auth)` before it, routers mounted behind auth in
// the project facts, login/register/token/health exemptions), plus an auth
// middleware before the router in a mount on the way from the app
// (`app.use('/x', requireAuth, router)`, applied at resolution).
import type { SyntaxNode, SyntaxTree } from '../parse/python';
import { EMPTY_FACTS } from '../analysis/project';
import { routeVerdict } from '../analysis/ts/auth';
import { EMPTY_TS_FACTS, type TsProjectFacts } from '../analysis/ts/project';
import { isFunction, named, TsFile, unwrap } from '../analysis/ts/tsfile';
import type { TsRuleContext } from '../analysis/types';
import type { TsRoute } from '../analysis/ts/routes';
import type { DeclaredRoute, DeclaredRouter, RouteAuthInfo, SourceSpan } from './model';
import type { MountFacts } from './resolve';

export interface ExpressRouteSummary {
  readonly routers: readonly DeclaredRouter[];
  readonly routes: readonly DeclaredRoute[];
  readonly includes: readonly MountFacts[];
}

export const NO_EXPRESS: ExpressRouteSummary = { routers: [], routes: [], includes: [] };

/** A cheap necessary condition for a TS/JS file to matter to the explorer: it uses Express or registers/mounts something. */
export function mayDeclareExpressRoutes(source: string): boolean {
  return source.includes('express') || /\.(use|get|post|put|patch|delete|all|route)\s*\(/.test(source);
}

/** Test code builds throwaway apps; they are never served. */
export const isTsTestFile = (path: string): boolean => /(^|\/)(tests?|__tests__|spec)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);

/** `src/routes/authors.ts` → `src/routes/authors`; `src/routes/index.ts` → `src/routes`. */
export function tsModuleOf(path: string): string {
  return path.replace(/\.(d\.)?[cm]?[jt]sx?$/i, '').replace(/\/index$/, '');
}

/** The module a relative import specifier names, from the importing file's path; undefined for packages. */
export function resolveSpecifier(fromPath: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const parts = fromPath.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return tsModuleOf(parts.join('/'));
}

const AUTH_MIDDLEWARE = /(^|\.)(auth|authn|authz|authenticate\w*|authenticated|authorize\w*|require_?auth\w*|requireUser|requireLogin|requireRole|requireAdmin|requireScopes?|isAuthenticated|isLoggedIn|ensureAuthenticated|ensureLoggedIn|verifyToken|verifyJwt|checkJwt|jwtAuth|jwt|expressjwt|protect|guard|withAuth|\w*AuthMiddleware|authGuard|bearerAuth|basicAuth)$/i;

/** The name a middleware argument is known by: `auth`, `requireAuth` for `requireAuth(config)`, `passport.authenticate`. */
function middlewareName(node: SyntaxNode): string | undefined {
  let n = unwrap(node);
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (!fn) return undefined;
    n = unwrap(fn);
  }
  return n.type === 'identifier' || n.type === 'member_expression' ? n.text : undefined;
}

const authName = (node: SyntaxNode): string | undefined => {
  const name = middlewareName(node);
  return name && AUTH_MIDDLEWARE.test(name) ? name : undefined;
};

const spanOf = (node: SyntaxNode): SourceSpan => ({
  start: { line: node.startPosition.row, character: node.startPosition.column },
  end: { line: node.endPosition.row, character: node.endPosition.column },
});

/** The top-level statement holding `node`. */
function topLevel(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && n.parent.type !== 'program') n = n.parent;
  return n;
}

/**
 * The top-level function `node` sits in, by the name other files import it
 * by (`authorsRouter`; `default` for an anonymous default export); undefined
 * at top level.
 */
function containerName(node: SyntaxNode): string | undefined {
  const stmt = topLevel(node);
  const isDefault = stmt.type === 'export_statement' && stmt.children.some((c) => c?.type === 'default');
  const decl = stmt.type === 'export_statement' ? (stmt.childForFieldName('declaration') ?? stmt.childForFieldName('value') ?? stmt) : stmt;
  if (decl.id === node.id) return undefined;
  if (decl.type === 'function_declaration' || decl.type === 'generator_function_declaration' || decl.type === 'class_declaration') {
    return isDefault ? 'default' : decl.childForFieldName('name')?.text;
  }
  if (isFunction(decl)) return isDefault ? 'default' : undefined;
  if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
    for (const d of named(decl)) {
      if (d.type !== 'variable_declarator') continue;
      const value = d.childForFieldName('value');
      if (value && isFunction(unwrap(value)) && value.startIndex <= node.startIndex && node.endIndex <= value.endIndex) return d.childForFieldName('name')?.text;
    }
  }
  return undefined;
}

/** Where a mounted thing is defined: this file or an imported module, and the name it has there. */
function mountTarget(file: TsFile, path: string, module: string, target: SyntaxNode): { module: string; variable: string } | undefined {
  let n = unwrap(target);
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function');
    if (!fn) return undefined;
    n = unwrap(fn);
  }
  if (n.type !== 'identifier') return undefined;
  const imported = file.imports.get(n.text);
  if (imported === undefined) return { module, variable: n.text };
  // `./routes/authors.authorsRouter` (named import) or `./routes/authors` (default import).
  const dot = imported.lastIndexOf('.');
  const name = dot > 0 ? imported.slice(dot + 1) : '';
  const named_ = name !== '' && !name.includes('/') ? resolveSpecifier(path, imported.slice(0, dot)) : undefined;
  if (named_ !== undefined) return { module: named_, variable: name };
  const whole = resolveSpecifier(path, imported);
  return whole === undefined ? undefined : { module: whole, variable: 'default' };
}

function handlerLabel(route: TsRoute): string {
  const fallback = `${route.methods[0]?.toUpperCase()} ${route.path ?? '?'}`;
  return route.name && route.name !== fallback ? route.name : 'inline handler';
}

/** Where "go to handler" lands: a named handler function of this file, else the registering `router.post`. */
function handlerSpan(route: TsRoute): SourceSpan {
  const name = route.handler?.childForFieldName('name') ?? (route.handler?.parent?.type === 'variable_declarator' ? route.handler.parent.childForFieldName('name') : null);
  if (name && route.handler && !(route.node.startIndex <= route.handler.startIndex && route.handler.endIndex <= route.node.endIndex)) return spanOf(name);
  return spanOf(route.node.childForFieldName('function') ?? route.node);
}

/** The routers, routes and mounts of one parsed TypeScript/JavaScript file (Express only), judged against the project's TypeScript facts. */
export function expressRoutes(path: string, source: string, tree: SyntaxTree, facts: TsProjectFacts = EMPTY_TS_FACTS): ExpressRouteSummary {
  const file = new TsFile(source, tree);
  // The context the missing-auth rule would see for this file (nothing is reported from here), and the
  // same without the routers mounted behind auth somewhere: the explorer applies mount guards per mount
  // (a router mounted twice, once behind auth, is locked on that mount only).
  const ctx: TsRuleContext = { path, source, tree, ts: file, project: { ...EMPTY_FACTS, ts: facts }, report: () => undefined };
  const perMount: TsRuleContext = { ...ctx, project: { ...EMPTY_FACTS, ts: { ...facts, protectedRouters: [] } } };
  const module = tsModuleOf(path);
  const routes = file.routes.filter((r) => r.framework === 'express');
  const mounts = file.mounts.filter((m) => m.kind === 'use');
  const routers = new Map<string, DeclaredRouter>();

  // Apps: `const app = express()`, grouped like routes (the factory that builds the app is the app).
  if (source.includes('express')) {
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      if (!call || file.callee(call) !== 'express') continue;
      const declarator = call.parent?.type === 'variable_declarator' ? call.parent : undefined;
      const variable = containerName(call) ?? declarator?.childForFieldName('name')?.text;
      if (variable) routers.set(variable, { variable, kind: 'app', prefix: '', location: spanOf(declarator?.childForFieldName('name') ?? call) });
    }
  }

  // `x.use(auth)` with no router after it guards what `x` registers later.
  const guards: { owner: string; receiver: string; offset: number; name: string }[] = [];
  const includes: MountFacts[] = [];
  for (const m of mounts) {
    const owner = containerName(m.node) ?? m.owner;
    let guard: string | undefined;
    for (const g of guards) if (g.owner === owner && g.receiver === m.owner) guard ??= g.name;
    let mountedAny = false;
    for (const target of m.targets) {
      const resolved = mountTarget(file, path, module, target);
      const auth = authName(target);
      if (auth) {
        guard ??= auth;
        continue;
      }
      if (!resolved) continue;
      mountedAny = true;
      includes.push({
        parentModule: module,
        parentVariable: owner,
        module: resolved.module,
        variable: resolved.variable,
        prefix: m.prefix ?? '',
        offset: m.node.startIndex,
        path,
        ...(guard ? { guard: `${guard} (${m.node.childForFieldName('function')?.text ?? 'use'} in ${path})` } : {}),
      });
    }
    if (!mountedAny && guard && !m.prefix) guards.push({ owner, receiver: m.owner, offset: m.node.startIndex, name: guard });
  }

  const declared = routes.map((route): DeclaredRoute => {
    const owner = containerName(route.node) ?? route.owner;
    if (!routers.has(owner)) routers.set(owner, { variable: owner, kind: 'router', prefix: '', location: spanOf(route.node.childForFieldName('function') ?? route.node) });
    const path = route.path ?? (route.pathNode ? `<${route.pathNode.text}>` : '');
    return { methods: route.methods.map((m) => m.toUpperCase()), path, owner, handler: handlerLabel(route), location: handlerSpan(route), auth: expressAuth(ctx, perMount, route) };
  });
  // `export default router` / `module.exports = router`: importers know that router as `default`.
  const alias = defaultExport(tree);
  if (alias && routers.has(alias) && !routers.has('default')) {
    const rename = (name: string): string => (name === alias ? 'default' : name);
    return {
      routers: [...routers.values()].map((r) => ({ ...r, variable: rename(r.variable) })),
      routes: declared.map((r) => ({ ...r, owner: rename(r.owner) })),
      includes: includes.map((i) => ({ ...i, parentVariable: rename(i.parentVariable) })),
    };
  }
  return { routers: [...routers.values()], routes: declared, includes };
}

/** The identifier a file exports as its default (`export default router;`, `module.exports = router;`). */
function defaultExport(tree: SyntaxTree): string | undefined {
  for (const stmt of named(tree.rootNode)) {
    if (stmt.type === 'export_statement' && stmt.children.some((c) => c?.type === 'default')) {
      const value = stmt.childForFieldName('value');
      if (value?.type === 'identifier') return value.text;
    }
    if (stmt.type === 'expression_statement') {
      const assign = named(stmt)[0];
      if (assign?.type === 'assignment_expression' && assign.childForFieldName('left')?.text === 'module.exports') {
        const right = assign.childForFieldName('right');
        if (right?.type === 'identifier') return right.text;
      }
    }
  }
  return undefined;
}

/** The lock: the rule's verdict without project-wide mount guards (applied per mount at resolution); the colour: the rule's own report. */
function expressAuth(ctx: TsRuleContext, perMount: TsRuleContext, route: TsRoute): RouteAuthInfo {
  const verdict = routeVerdict(perMount, route);
  if (verdict.status === 'guarded') {
    const reason = verdict.reason ?? 'auth middleware';
    const onRoute = route.middlewares.some((m) => m.text === reason || m.text.startsWith(`${reason}(`));
    return { status: 'protected', reason: onRoute ? `${reason} on the route` : reason, flagged: false };
  }
  if (verdict.status === 'exempt' || verdict.status === 'public') return { status: 'exempt', reason: verdict.reason ?? 'declared public', flagged: false };
  return { status: 'open', reason: 'no auth middleware on the route, its router or its mount', flagged: routeVerdict(ctx, route).flagged };
}
