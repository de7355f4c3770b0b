// missing-auth: in a project that authenticates callers (an auth dependency
// such as `get_current_user` or `CurrentUserDep` exists), a POST/PUT/PATCH/
// DELETE route that no auth dependency guards lets anonymous callers change
// data. Guards are followed wherever FastAPI runs them: the route's
// `dependencies=`, its parameters (directly, through `Annotated` aliases or
// through dependencies that depend on the user), its router's
// `APIRouter(dependencies=...)`, the `include_router(..., dependencies=...)`
// that mounts it (another file, via project facts) and `FastAPI(dependencies=...)`.
// Routes that must stay public (login, register, token, refresh, password
// reset, health, signed webhooks) are exempt. Without any auth dependency in
// the project the rule is silent: there is nothing to forget.
import type { SyntaxNode } from '../../parse/python';
import { fileFix } from '../fixes';
import { moduleOfPath } from '../project';
import { mayHaveRoutes, keywordArg, MUTATING_METHODS, type PyFile, type Route } from '../python/pyfile';
import { addKeywordArgument, addParameter, appendToList, authIndex, fileModel, fullPath, isHttpRoute, preferredAuth, routeAuth, type AuthIndex, type InsertEdit, type RouteAuth } from '../python/routes';
import type { Fix, Rule, RuleContext } from '../types';

/** Test code builds throwaway apps (middleware tests, fixtures); they are never deployed. */
const TEST_FILE = /(^|[\\/])(tests?|testing)[\\/]|(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$/;

/** Is this file test code (skipped by the rule and by the route explorer)? */
export const isTestFile = (path: string): boolean => TEST_FILE.test(path);

/** Could the rule flag this route: a mutating HTTP route outside test code? */
export function mayNeedAuth(path: string, py: PyFile, route: Route): boolean {
  return !TEST_FILE.test(path) && route.methods.some((m) => MUTATING_METHODS.has(m)) && isHttpRoute(py, route);
}

/**
 * Does the rule report this route, given its auth (`routeAuth`)? One
 * definition for the diagnostic and the route explorer's warning colour.
 */
export function missesAuth(path: string, py: PyFile, route: Route, index: AuthIndex, auth: RouteAuth): boolean {
  return index.enabled && auth.status === 'open' && mayNeedAuth(path, py, route);
}

function check(ctx: RuleContext): void {
  if (TEST_FILE.test(ctx.path)) return;
  const routes = ctx.py.routes.filter((r) => mayNeedAuth(ctx.path, ctx.py, r));
  if (routes.length === 0) return;
  const index = authIndex(ctx);
  if (!index.enabled) return;
  for (const route of routes) {
    const auth = routeAuth(route, ctx, index);
    if (!missesAuth(ctx.path, ctx.py, route, index, auth)) continue;
    const { alias, fn } = preferredAuth(index);
    const method = route.methods.find((m) => MUTATING_METHODS.has(m))!.toUpperCase();
    const path = clientPath(ctx, route) ?? route.path;
    const where = path !== undefined ? `${method} ${path || '/'}` : `${method} route ${route.name}`;
    const node = route.decorator.childForFieldName('function') ?? route.decorator;
    // Name the guard the way the project's own routes spell it (its `CurrentUser` alias) when it has one.
    const guard = alias?.name ?? fn?.name;
    ctx.report({
      node,
      message: `${where} can be called without authentication although the project authenticates with ${guard ?? 'an auth dependency'}; anyone could change data through it. Add the auth dependency to the route or its router.`,
      fixes: () => fixes(ctx, route, index),
    });
  }
}

/**
 * The path a client calls: the router's own prefix and route path, then the
 * prefix of each `include_router` above it, up to the app. Where a router is
 * mounted twice, not at all, or under a prefix that is not a string literal,
 * the climb stops and the path as this file knows it is used (never a partial
 * prefix chain that no client would call).
 */
function clientPath(ctx: RuleContext, route: Route): string | undefined {
  const own = fullPath(ctx.py, route);
  if (own === undefined) return undefined;
  const includes = ctx.project.routerIncludes ?? [];
  let path = own;
  let module = moduleOfPath(ctx.path);
  let variable = route.owner;
  for (let depth = 0; depth < 8; depth++) {
    const mounts = includes.filter((i) => i.module === module && i.variable === variable);
    if (mounts.length !== 1) break;
    const mount = mounts[0]!;
    if (mount.prefix === undefined && mount.prefixExpression) return own;
    path = (mount.prefix ?? '') + path;
    module = mount.parentModule;
    variable = mount.parentVariable;
  }
  return path;
}

/** Is `name` defined at module level in this file (no import needed)? */
function definedHere(ctx: RuleContext, name: string): boolean {
  const model = fileModel(ctx.py);
  return model.functions.has(name) || model.aliases.has(name) || ctx.py.imports.has(name);
}

function importFor(ctx: RuleContext, index: AuthIndex, name: string): { module: string; name: string }[] {
  if (definedHere(ctx, name)) return [];
  const dep = index.names.get(name);
  if (!dep || dep.module === moduleOfPath(ctx.path)) return [];
  return [{ module: dep.module, name }];
}

function uniqueName(route: Route, wanted: string): string {
  const taken = new Set(route.params.map((p) => p.name));
  let name = wanted;
  while (taken.has(name)) name = `_${name}`;
  return name;
}

function fixes(ctx: RuleContext, route: Route, index: AuthIndex): Fix[] {
  const { alias, fn } = preferredAuth(index);
  const out: Fix[] = [];
  const edit = (e: InsertEdit | undefined) => (e ? [e] : []);

  // The file's own style first: copy how its other routes are guarded.
  let style: 'route' | 'alias' | 'param' | undefined;
  let copied: SyntaxNode | undefined;
  let styleDep: string | undefined;
  for (const other of ctx.py.routes) {
    if (other === route) continue;
    const auth = routeAuth(other, ctx, index);
    if (auth.where === 'route' || auth.where === 'alias' || auth.where === 'param') {
      style = auth.where;
      copied = auth.node;
      styleDep = auth.dependency;
      break;
    }
  }

  const aliasName = style === 'alias' ? styleDep : alias?.name;
  if (aliasName) {
    const name = uniqueName(route, 'current_user');
    const e = edit(addParameter(ctx.source, route.fn, `${name}: ${aliasName}`, false));
    if (e.length) out.push(fileFix(ctx, `Require ${aliasName} (add parameter ${name})`, e, { imports: importFor(ctx, index, aliasName), preferred: style === 'alias' || style === undefined }));
  }
  if (style === 'param' && copied && styleDep) {
    const text = copied.text;
    const paramName = /^\w+/.exec(text)?.[0];
    if (paramName && !route.params.some((p) => p.name === paramName) && !text.includes('\n')) {
      const hasDefault = copied.type === 'default_parameter' || copied.type === 'typed_default_parameter';
      const e = edit(addParameter(ctx.source, route.fn, text, hasDefault));
      const names = [...new Set(text.match(/[A-Za-z_]\w*/g) ?? [])];
      const imports = names.flatMap((n) => (n === 'Depends' || n === 'Security' || n === 'Annotated' ? [] : importFor(ctx, index, n)));
      if (/\bDepends\(/.test(text)) imports.push({ module: 'fastapi', name: 'Depends' });
      if (/\bSecurity\(/.test(text)) imports.push({ module: 'fastapi', name: 'Security' });
      if (/\bAnnotated\[/.test(text)) imports.push({ module: 'typing', name: 'Annotated' });
      if (e.length) out.push(fileFix(ctx, `Require ${styleDep} (add parameter ${paramName})`, e, { imports, preferred: true }));
    }
  }
  // Route style copies the file's own `Depends(...)` call (`Depends(JWTBearer())`, `Security(user, scopes=[...])`).
  const depCall = style === 'route' && copied && !copied.text.includes('\n') ? copied.text : fn ? `Depends(${fn.name})` : undefined;
  if (depCall) {
    const list = keywordArg(route.decorator, 'dependencies');
    const e = edit(list ? appendToList(list, depCall) : addKeywordArgument(ctx.source, route.decorator, `dependencies=[${depCall}]`));
    const names = [...new Set(depCall.match(/[A-Za-z_]\w*/g) ?? [])];
    const imports = names.flatMap((n) => (n === 'Depends' || n === 'Security' ? [{ module: 'fastapi', name: n }] : importFor(ctx, index, n)));
    if (e.length) {
      out.push(
        fileFix(ctx, `Require ${styleDep && style === 'route' ? styleDep : fn!.name} (add it to the route's dependencies)`, e, {
          imports,
          preferred: style === 'route' || (!aliasName && style !== 'param'),
        }),
      );
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'missing-auth',
  title: 'Mutating route reachable without authentication',
  defaultSeverity: 'warning',
  applies: mayHaveRoutes,
  finish: check,
};

