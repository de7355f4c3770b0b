// The route model shared by the route rules (missing-auth, path-param-mismatch,
// duplicate-route, unvalidated-body) and, later, the route explorer: which
// router a route hangs off and its prefix, the full path template, the
// dependencies a route runs, and whether an anonymous caller can reach it
// (`routeAuth`). Everything is computed once per file and cached on the PyFile.
import type { SyntaxNode } from '../../parse/python';
import { publicByDesign } from '../publicRoutes';
import { collectProjectFacts, moduleOfPath, type AuthDependencyFacts, type GuardedClassFacts, type ProjectFacts, type ProtectedRouterFacts, type RouterIncludeFacts } from '../project';
import { keywordArg, named, positionalArgs, type PyFile, type Route, type RouteParam } from './pyfile';

/** What the route helpers need to know about the analysed file (a RuleContext fits). */
export interface AnalysedFile {
  readonly py: PyFile;
  readonly path: string;
  readonly project: ProjectFacts;
}

export interface RouterDecl {
  /** Variable the router/app is bound to at module level. */
  readonly name: string;
  readonly kind: 'fastapi' | 'apirouter' | 'flask' | 'blueprint';
  readonly call: SyntaxNode;
  /** Constant `prefix=` (`url_prefix=` for blueprints), '' when absent, undefined when not constant. */
  readonly prefix: string | undefined;
  /** The `dependencies=[...]` list, if any. */
  readonly dependencies: SyntaxNode | undefined;
}

const ROUTER_KINDS: Record<string, RouterDecl['kind']> = { FastAPI: 'fastapi', APIRouter: 'apirouter', Flask: 'flask', Blueprint: 'blueprint' };

interface FileModel {
  readonly routers: Map<string, RouterDecl>;
  /** Module-level functions by name (route handlers included). */
  readonly functions: Map<string, SyntaxNode>;
  /** Module-level `Name = Annotated[T, Depends(x)]` aliases: alias → the `Annotated[...]` node. */
  readonly aliases: Map<string, SyntaxNode>;
}

const models = new WeakMap<PyFile, FileModel>();

/** Module-level routers, functions and Annotated aliases of a file (one pass over the top level). */
export function fileModel(py: PyFile): FileModel {
  let model = models.get(py);
  if (model) return model;
  model = { routers: new Map(), functions: new Map(), aliases: new Map() };
  const visitTop = (node: SyntaxNode): void => {
    for (const stmt of named(node)) {
      if (stmt.type === 'function_definition') {
        const name = stmt.childForFieldName('name')?.text;
        if (name) model!.functions.set(name, stmt);
      } else if (stmt.type === 'decorated_definition') {
        const def = stmt.childForFieldName('definition');
        const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
        if (name && def) model!.functions.set(name, def);
      } else if (stmt.type === 'expression_statement') {
        const assign = stmt.namedChild(0);
        if (assign?.type === 'assignment') addAssignment(py, model!, assign);
      } else if (stmt.type === 'if_statement' || stmt.type === 'try_statement' || stmt.type === 'block') {
        visitTop(stmt);
      }
    }
  };
  visitTop(py.tree.rootNode);
  models.set(py, model);
  return model;
}

function addAssignment(py: PyFile, model: FileModel, assign: SyntaxNode): void {
  const left = assign.childForFieldName('left');
  const right = assign.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return;
  if (right.type === 'call') {
    const callee = py.callee(right)?.split('.').pop() ?? '';
    const kind = ROUTER_KINDS[callee];
    if (!kind) return;
    const prefixNode = keywordArg(right, kind === 'blueprint' ? 'url_prefix' : 'prefix');
    const prefix = prefixNode ? py.constantString(prefixNode) : '';
    model.routers.set(left.text, { name: left.text, kind, call: right, prefix, dependencies: keywordArg(right, 'dependencies') });
  } else if (/^(typing\.|typing_extensions\.)?Annotated\[/.test(right.text) && /\b(Depends|Security)\(/.test(right.text)) {
    model.aliases.set(left.text, right);
  }
}

/** The `Depends(x)`/`Security(x)` calls inside a node (an annotation, a default, a dependencies list). */
export function dependencyCalls(py: PyFile, node: SyntaxNode | undefined): SyntaxNode[] {
  if (!node || !/\b(Depends|Security)\s*\(/.test(node.text)) return [];
  const out: SyntaxNode[] = [];
  const walk = (n: SyntaxNode): void => {
    if (n.type === 'call') {
      const name = py.callee(n)?.split('.').pop();
      if (name === 'Depends' || name === 'Security') out.push(n);
    }
    for (const c of named(n)) walk(c);
  };
  walk(node);
  return out;
}

/** The dependency a `Depends(...)` call names: its first argument (or `dependency=`). */
export function dependencyTarget(call: SyntaxNode): SyntaxNode | undefined {
  return positionalArgs(call)[0] ?? keywordArg(call, 'dependency');
}

/** Last segment of a dependency expression's name: `deps.get_user` → `get_user`, `require_role("admin")` → `require_role`. */
export function dependencyName(py: PyFile, target: SyntaxNode | undefined): string | undefined {
  if (!target) return undefined;
  const n = target.type === 'call' ? target.childForFieldName('function') : target;
  return py.qualify(n)?.split('.').pop();
}

/** Dependency calls a route parameter runs: in its annotation, its default, or through a local `Annotated` alias. */
export function paramDependencies(py: PyFile, param: RouteParam): SyntaxNode[] {
  const calls = [...dependencyCalls(py, param.annotation), ...dependencyCalls(py, param.default)];
  const aliasName = param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation;
  if (aliasName && (aliasName.type === 'identifier' || aliasName.type === 'attribute')) {
    const alias = fileModel(py).aliases.get(aliasName.text);
    if (alias) calls.push(...dependencyCalls(py, alias));
  }
  return calls;
}

// ---- Path templates -------------------------------------------------------

export interface TemplateParam {
  readonly name: string;
  /** `path`, `int`, … for `{name:path}`; undefined when absent. */
  readonly converter: string | undefined;
}

/** `{item_id}` and `{file_path:path}` placeholders (Flask `<int:id>` too). */
export function templateParams(path: string): TemplateParam[] {
  const out: TemplateParam[] = [];
  for (const m of path.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?::\s*(\w+)\s*)?\}|<(?:(\w+)(?:\([^)]*\))?:)?([A-Za-z_]\w*)>/g)) {
    if (m[1]) out.push({ name: m[1], converter: m[2] });
    else out.push({ name: m[4]!, converter: m[3] });
  }
  return out;
}

/** The router a route hangs off, when it is declared in this file. */
export function routerOf(py: PyFile, route: Route): RouterDecl | undefined {
  return fileModel(py).routers.get(route.owner);
}

/** Prefix (from the router declared in this file) + path, when both are constant. */
export function fullPath(py: PyFile, route: Route): string | undefined {
  if (route.path === undefined) return undefined;
  const decl = routerOf(py, route);
  if (!decl) return route.path;
  return decl.prefix === undefined ? undefined : decl.prefix + route.path;
}

/**
 * Is this an HTTP route rather than another framework's decorator of the same
 * name (slack_bolt's `@app.options(action_id)`)? Its router is declared here,
 * or its path is a constant URL path.
 */
export function isHttpRoute(py: PyFile, route: Route): boolean {
  if (routerOf(py, route)) return true;
  const path = route.path ?? (route.pathNode ? py.constantString(route.pathNode) : undefined);
  return path !== undefined && (path === '' || path.startsWith('/'));
}

/** Does the route look like a Flask view (methods= default GET, `<x>` placeholders)? */
export function isFlaskRoute(py: PyFile, route: Route): boolean {
  const decl = routerOf(py, route);
  if (decl) return decl.kind === 'flask' || decl.kind === 'blueprint';
  const verb = route.decorator.childForFieldName('function')?.childForFieldName('attribute')?.text;
  return verb === 'route' || (route.path?.includes('<') ?? false);
}

// ---- Authentication -------------------------------------------------------

export type AuthStatus = 'protected' | 'open' | 'exempt';

export interface RouteAuth {
  readonly status: AuthStatus;
  /** Why, for messages and the explorer's tooltip: `Depends(get_current_user) on the route`, `login route`. */
  readonly reason: string;
  /** Where the guard sits, for fixes that copy the file's own style. */
  readonly where?: 'route' | 'param' | 'alias' | 'router' | 'decorator' | 'body';
  /** The guarding node: the `Depends(...)` call, or the parameter. */
  readonly node?: SyntaxNode;
  /** The auth dependency's name (`get_current_user`, `CurrentUserDep`). */
  readonly dependency?: string;
}

export interface AuthIndex {
  /** Every name known to authenticate the caller (functions, aliases, schemes), local and project-wide. */
  readonly names: ReadonlyMap<string, AuthDependencyFacts>;
  /** Module-level variables bound to a security scheme (`OAuth2PasswordBearer(...)`) in this file. */
  readonly schemes: ReadonlySet<string>;
  /** Routers guarded as a whole, from the project and from this file. */
  readonly protectedRouters: readonly ProtectedRouterFacts[];
  /** True when the project (or this file) has any auth dependency at all. */
  readonly enabled: boolean;
  /** Guarded class-based-view bases and `APIRouter` subclasses, by class name (project and this file). */
  readonly guardedClasses: ReadonlyMap<string, GuardedClassFacts>;
  /** Every `include_router` known: the project's, with this file's own from its current text. */
  readonly routerIncludes: readonly RouterIncludeFacts[];
}

const authIndexes = new WeakMap<PyFile, { project: ProjectFacts; index: AuthIndex }>();

const SCHEME_CLASSES = /^(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer|HTTPBasic|HTTPDigest|APIKeyHeader|APIKeyCookie|APIKeyQuery|OpenIdConnect)$/;

/** Auth knowledge for one file: the project's auth dependencies plus those this file defines itself. */
export function authIndex(file: AnalysedFile): AuthIndex {
  const cached = authIndexes.get(file.py);
  if (cached && cached.project === file.project) return cached.index;
  const localPath = file.path.endsWith('.py') ? file.path : `${file.path}.py`;
  const local = collectProjectFacts([{ path: localPath, source: file.py.source }], file.project.authDependencies, file.project.pythonModules ?? []);
  const names = new Map<string, AuthDependencyFacts>();
  for (const dep of [...file.project.authDependencies, ...local.authDependencies]) if (!names.has(dep.name)) names.set(dep.name, dep);
  const schemes = new Set<string>();
  for (const stmt of named(file.py.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    const right = assign?.type === 'assignment' ? assign.childForFieldName('right') : null;
    const left = assign?.childForFieldName('left');
    if (right?.type === 'call' && left?.type === 'identifier' && SCHEME_CLASSES.test(file.py.callee(right)?.split('.').pop() ?? '')) schemes.add(left.text);
  }
  const index: AuthIndex = {
    names,
    schemes,
    // Guards written in this file come from its current text, not from the (possibly older) project snapshot.
    protectedRouters: [...(file.project.protectedRouters ?? []).filter((r) => r.path !== localPath), ...(local.protectedRouters ?? [])],
    enabled: names.size > 0,
    routerIncludes: [...(file.project.routerIncludes ?? []).filter((i) => i.path !== localPath), ...(local.routerIncludes ?? [])],
    guardedClasses: new Map([...(file.project.guardedClasses ?? []), ...(local.guardedClasses ?? [])].map((c) => [c.name, c])),
  };
  authIndexes.set(file.py, { project: file.project, index });
  return index;
}

/** Is this `Depends(x)`/`Security(x)` call an authentication? Returns the name it resolves to. */
function authOfDependency(py: PyFile, index: AuthIndex, call: SyntaxNode): string | undefined {
  const target = dependencyTarget(call);
  // `Depends(get_user_authorizer(required=False))`, `Security(HTTPBearer(auto_error=False))`: an optional user guards nothing.
  if (target?.type === 'call' && /\b(required\s*=\s*False|auto_error\s*=\s*False|optional\s*=\s*True)\b/.test(target.text)) return undefined;
  if (py.callee(call)?.split('.').pop() === 'Security') return call.text;
  const name = dependencyName(py, target);
  if (!name) return undefined;
  if (index.names.has(name) || index.schemes.has(name)) return name;
  if (target?.type === 'call' && SCHEME_CLASSES.test(name)) return name;
  return undefined;
}

/** The first authenticating dependency among calls, as `Depends(name)` text. */
function firstAuth(py: PyFile, index: AuthIndex, calls: readonly SyntaxNode[]): string | undefined {
  return firstAuthCall(py, index, calls)?.name;
}

function firstAuthCall(py: PyFile, index: AuthIndex, calls: readonly SyntaxNode[]): { name: string; call: SyntaxNode } | undefined {
  for (const call of calls) {
    const name = authOfDependency(py, index, call);
    if (name) return { name, call };
  }
  return undefined;
}

/** The alias annotation of a parameter (`user: CurrentUserDep`) when the alias authenticates. */
function authAlias(py: PyFile, index: AuthIndex, param: RouteParam): string | undefined {
  const ann = param.annotation?.type === 'type' ? named(param.annotation)[0] : param.annotation;
  if (!ann || (ann.type !== 'identifier' && ann.type !== 'attribute')) return undefined;
  const name = py.qualify(ann)?.split('.').pop();
  return name && index.names.get(name)?.kind === 'alias' ? name : undefined;
}

/** Decorators of a handler that guard it (Flask-Login, flask-jwt-extended, custom `@requires_auth`). */
const GUARD_DECORATOR = /(^|\.)(login_required|jwt_required|fresh_jwt_required|auth_required|token_required|requires_auth|require_auth|requires_login|permission_required|roles_required|roles_accepted|admin_required|requires|authenticated|http_auth_required|verify_jwt_in_request)$/;

/** Path segments of routes anyone must reach to get credentials (or check liveness). */
const EXEMPT_SEGMENT = /^(login|logout|signin|sign-in|sign_in|signup|sign-up|sign_up|register|registration|token|password-reset|reset-password|forgot-password|password_reset|reset_password|forgot_password|password-recovery|recover-password|password_recovery|recover_password|verify-email|confirm-email|health|healthz|healthcheck|health-check|livez|readyz|ping|callback|unsubscribe)$/;
const EXEMPT_NAME = /(^|_)(login|logout|signin|signup|sign_in|sign_up|register|registration|healthcheck|health|ping|liveness|readiness)(_|$)|(^|_)(reset_password|password_reset|forgot_password|recover_password|password_recovery|access_token|refresh_tokens?|refresh_access_token)(_|$)|^(token|refresh|issue_token|obtain_token|get_token)$/;
const SIGNATURE_CHECK = /\b(hmac|compare_digest|construct_event|verify_signature|validate_signature|check_signature|verify_webhook|signature)\b/i;

/** Why a route is exempt from authentication (login, health, signed webhook), if it is. */
export function exemptReason(route: Route, path: string | undefined = route.path): string | undefined {
  const segments = (path ?? '').toLowerCase().split('/').filter(Boolean);
  const name = route.name.toLowerCase();
  const webhook = segments.some((s) => s.includes('webhook')) || name.includes('webhook');
  if (webhook) return SIGNATURE_CHECK.test(route.fn.childForFieldName('body')?.text ?? '') || route.params.some((p) => /signature/i.test(p.name)) ? 'webhook with a signature check' : undefined;
  return exemptPathReason(path) ?? (EXEMPT_NAME.test(name) ? `${name} handler` : undefined);
}

/** Why a route path must stay public (login, register, token, refresh, password reset, health), if it must; any framework. */
export function exemptPathReason(path: string | undefined): string | undefined {
  const segments = (path ?? '').toLowerCase().split('/').filter(Boolean);
  if (segments.some((s) => EXEMPT_SEGMENT.test(s))) return `${segments.find((s) => EXEMPT_SEGMENT.test(s))} route`;
  return publicByDesign(segments);
}

/** Does this path (the analysed file) define `module`? Matches by module suffix, else by file stem. */
function sameModule(path: string, module: string): 'exact' | 'stem' | undefined {
  const own = moduleOfPath(path.replace(/\\/g, '/').replace(/^\/+/, ''));
  if (own === module || own.endsWith(`.${module}`) || module.endsWith(`.${own}`)) return 'exact';
  return own.split('.').pop() === module.split('.').pop() ? 'stem' : undefined;
}

/** The guard on a whole router (declared here, or recorded by the project facts), if any. */
function routerGuard(file: AnalysedFile, index: AuthIndex, owner: string): string | undefined {
  const decl = fileModel(file.py).routers.get(owner);
  if (decl?.dependencies) {
    const dep = firstAuth(file.py, index, dependencyCalls(file.py, decl.dependencies));
    if (dep) return `Depends(${dep}) on ${owner}`;
  }
  const candidates = index.protectedRouters.filter((r) => r.variable === owner);
  const exact = candidates.find((r) => sameModule(file.path, r.module) === 'exact');
  if (exact) return exact.reason;
  const stem = candidates.find((r) => sameModule(file.path, r.module) === 'stem');
  if (stem) return stem.reason;
  // A router included in this file into a guarded app (`app = FastAPI(dependencies=[...])`).
  for (const app of fileModel(file.py).routers.values()) {
    if (app.kind !== 'fastapi' || !app.dependencies) continue;
    const dep = firstAuth(file.py, index, dependencyCalls(file.py, app.dependencies));
    if (dep && includedInto(file.py, owner, app.name)) return `Depends(${dep}) on ${app.name}`;
  }
  return undefined;
}

const PUBLIC_DIRECTIVE = /#\s*backend-skill:\s*ignore(?:\[[^\]]*\bmissing-auth\b[^\]]*\])?(?:$|[\s#;:,-])/;

/**
 * A router whose declaration carries `# backend-skill: ignore[missing-auth]`
 * (on its line, or alone on the line above) is public by choice: every route
 * on it is exempt. One line states the decision instead of one per route.
 */
export function declaredPublic(py: PyFile, owner: string): boolean {
  if (!py.source.includes('missing-auth')) return false;
  const decl = fileModel(py).routers.get(owner);
  if (!decl) return false;
  const stmt = decl.call.parent?.parent ?? decl.call;
  const lineStart = py.source.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const lineEnd = py.source.indexOf('\n', stmt.startIndex);
  const own = py.source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const aboveStart = lineStart > 0 ? py.source.lastIndexOf('\n', lineStart - 2) + 1 : -1;
  const above = aboveStart >= 0 ? py.source.slice(aboveStart, lineStart - 1) : '';
  const hash = own.indexOf('#');
  return (hash >= 0 && PUBLIC_DIRECTIVE.test(own.slice(hash))) || (/^\s*#/.test(above) && PUBLIC_DIRECTIVE.test(above.trim()));
}

/** Is `router` passed to `<app>.include_router(router, ...)` in this file? */
function includedInto(py: PyFile, router: string, app: string): boolean {
  return new RegExp(`\\b${app}\\.include_router\\(\\s*${router}\\b`).test(py.source);
}

/**
 * Whether an anonymous caller can reach a route, and why: `protected` when an
 * auth dependency runs (route decorator, parameter, alias, router,
 * `include_router`, app), `exempt` for routes that must be public (login,
 * register, token, health, signed webhooks), `open` otherwise. When the project
 * has no auth dependency at all, every route is `open` with that reason.
 */
export function routeAuth(route: Route, file: AnalysedFile, index: AuthIndex = authIndex(file)): RouteAuth {
  const { py } = file;
  const deps = dependencyCalls(py, keywordArg(route.decorator, 'dependencies'));
  const onRoute = firstAuthCall(py, index, deps);
  if (onRoute) return { status: 'protected', reason: `Depends(${onRoute.name}) on the route`, where: 'route', node: onRoute.call, dependency: onRoute.name };
  for (const param of route.params) {
    const alias = authAlias(py, index, param);
    if (alias) return { status: 'protected', reason: `parameter ${param.name}: ${alias}`, where: 'alias', node: param.node, dependency: alias };
    const dep = firstAuthCall(py, index, paramDependencies(py, param));
    if (dep) return { status: 'protected', reason: `parameter ${param.name} depends on ${dep.name}`, where: 'param', node: param.node, dependency: dep.name };
  }
  const guard = routerGuard(file, index, route.owner);
  if (guard) return { status: 'protected', reason: guard, where: 'router' };
  const onClass = classDependency(py, index, route.fn);
  if (onClass) return { status: 'protected', reason: `class attribute depends on ${onClass}`, where: 'router' };
  const routerClass = guardedRouterClass(py, index, route.owner);
  if (routerClass) return { status: 'protected', reason: `${route.owner} is a ${routerClass.name} (dependencies on ${routerClass.via})`, where: 'router' };
  const decorated = route.fn.parent;
  if (decorated?.type === 'decorated_definition') {
    for (const deco of named(decorated).filter((d) => d.type === 'decorator')) {
      const expr = named(deco)[0];
      const fn = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
      const name = py.qualify(fn);
      if (name && GUARD_DECORATOR.test(name)) return { status: 'protected', reason: `@${fn!.text}`, where: 'decorator' };
    }
  }
  const inBody = bodyAuthCall(py, index, route.fn);
  if (inBody) return { status: 'protected', reason: `${inBody}() called in the handler`, where: 'body', dependency: inBody };
  if (verifiesSignature(py, route.fn, 0)) return { status: 'exempt', reason: 'request signature verified (signed webhook)' };
  const exempt = exemptReason(route, fullPath(py, route) ?? route.path) ?? signUpCollection(py, route) ?? (declaredPublic(py, route.owner) ? `${route.owner} declared public` : undefined) ?? devOnlyMount(file, index, route.owner);
  if (exempt) return { status: 'exempt', reason: exempt };
  return { status: 'open', reason: index.enabled ? 'no auth dependency on the route, its parameters or its router' : 'the project has no auth dependency' };
}

/**
 * `POST /users` beside `POST /users/login` on the same router: creating the
 * account whose login lives under it is sign-up, which anyone must reach.
 * Other methods, and collections without a login route beside them, stay checked.
 */
function signUpCollection(py: PyFile, route: Route): string | undefined {
  if (route.path === undefined || route.methods.length !== 1 || route.methods[0] !== 'post') return undefined;
  const base = route.path.replace(/\/+$/, '');
  if (!/^\/?[\w-]+$/.test(base.replace(/^\/(api|v\d+)(?=\/)/, ''))) return undefined;
  const login = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(login|signin|sign-in|sign_in)/?$`, 'i');
  const beside = py.routes.some((r) => r !== route && r.owner === route.owner && r.methods.includes('post') && r.path !== undefined && login.test(r.path));
  return beside ? 'sign-up route (the collection its login route lives under)' : undefined;
}

/** Class-based views (`fastapi_utils.cbv`): `user: User = Depends(get_current_user)` as a class attribute guards every method. */
function classDependency(py: PyFile, index: AuthIndex, fn: SyntaxNode): string | undefined {
  const cls = fn.parent?.parent?.type === 'block' ? fn.parent.parent.parent : fn.parent?.type === 'block' ? fn.parent.parent : undefined;
  if (cls?.type !== 'class_definition') return undefined;
  // A base class guarded in this file or another one (`class FoodsController(BaseUserController)`).
  for (const base of named(cls.childForFieldName('superclasses'))) {
    const name = (base.type === 'subscript' ? base.childForFieldName('value') ?? base : base).text.split('.').pop() ?? '';
    const guarded = index.guardedClasses.get(name);
    if (guarded && !guarded.router) return `${guarded.via} (through ${name})`;
  }
  for (const stmt of named(cls.childForFieldName('body'))) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (assign?.type !== 'assignment') continue;
    const dep = firstAuth(py, index, dependencyCalls(py, assign));
    if (dep) return dep;
    const ann = assign.childForFieldName('type');
    const alias = ann ? py.qualify(named(ann)[0] ?? ann)?.split('.').pop() : undefined;
    if (alias && index.names.get(alias)?.kind === 'alias') return alias;
  }
  return undefined;
}

/**
 * A router the project includes only under `if settings.ENVIRONMENT == "local":`
 * (or a DEBUG / test check), every time it includes it: tooling for local
 * runs and end-to-end tests that production never mounts.
 */
function devOnlyMount(file: AnalysedFile, index: AuthIndex, owner: string): string | undefined {
  const module = moduleOfPath(file.path.endsWith('.py') ? file.path : `${file.path}.py`);
  const includes = index.routerIncludes.filter((i) => i.module === module && i.variable === owner);
  return includes.length > 0 && includes.every((i) => i.devOnly) ? `${owner} is mounted only in development (${includes[0]!.path})` : undefined;
}

/** `router = UserAPIRouter(prefix=...)` where `UserAPIRouter` passes an auth dependency to `APIRouter.__init__`. */
function guardedRouterClass(py: PyFile, index: AuthIndex, owner: string): GuardedClassFacts | undefined {
  if (index.guardedClasses.size === 0) return undefined;
  for (const stmt of named(py.tree.rootNode)) {
    const assign = stmt.type === 'expression_statement' ? stmt.namedChild(0) : null;
    if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== owner) continue;
    const right = assign.childForFieldName('right');
    const cls = right?.type === 'call' ? py.callee(right)?.split('.').pop() : undefined;
    const guarded = cls ? index.guardedClasses.get(cls) : undefined;
    if (guarded?.router) return guarded;
  }
  return undefined;
}

/** Signature checks that authenticate the sender of a webhook (Slack, GitHub, Stripe…). */
const STRONG_SIGNATURE = /\b(hmac|compare_digest|construct_event|verify_signature|validate_signature|check_signature|verify_webhook|SignatureVerifier|is_valid_request|verify_request_signature)\b|invalid (request )?signature/i;

/** Does the handler (or a function of this file it calls, two levels deep) verify a request signature? */
export function verifiesSignature(py: PyFile, fn: SyntaxNode, depth = 0): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (STRONG_SIGNATURE.test(body.text)) return true;
  if (depth >= 2) return false;
  const functions = fileModel(py).functions;
  for (const call of body.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    const local = callee?.type === 'identifier' ? functions.get(callee.text) : undefined;
    if (local && local.id !== fn.id && verifiesSignature(py, local, depth + 1)) return true;
  }
  return false;
}

/** A call to an auth function inside the handler body (`user = await get_current_user(token)`). */
function bodyAuthCall(py: PyFile, index: AuthIndex, fn: SyntaxNode): string | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const text = body.text;
  for (const name of index.names.keys()) {
    if (index.names.get(name)!.kind !== 'function' || !text.includes(`${name}(`)) continue;
    for (const call of body.descendantsOfType('call')) {
      if (call && py.qualify(call.childForFieldName('function'))?.split('.').pop() === name) return name;
    }
  }
  return undefined;
}

/** The dependency a fix should add: an alias over a base dependency first, else the base function. */
export function preferredAuth(index: AuthIndex): { alias: AuthDependencyFacts | undefined; fn: AuthDependencyFacts | undefined } {
  const all = [...index.names.values()];
  const isBase = (d: AuthDependencyFacts): boolean => d.kind === 'function' && !d.via;
  const rank = (d: AuthDependencyFacts): number => (/^get_current_(active_)?user$/.test(d.name) ? 0 : /user/.test(d.name) ? 1 : 2);
  const fns = all.filter(isBase).sort((a, b) => rank(a) - rank(b));
  // Without a function of its own, a library dependency or a scheme object (`Depends(oauth2_scheme)`) still guards.
  const fn = fns[0] ?? all.find((d) => d.kind === 'function' && d.via !== undefined && !d.via.startsWith('class:') && !index.names.has(d.via));
  const aliases = all.filter((d) => d.kind === 'alias' && (!d.via || index.names.get(d.via)?.kind === 'function' && !index.names.get(d.via)?.via));
  const alias = aliases.find((a) => a.via === fn?.name) ?? aliases[0];
  return { alias, fn };
}

// ---- Edits shared by the route fixes --------------------------------------

export interface InsertEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/**
 * Insert a parameter into a function's parameter list, where Python allows it:
 * one without a default goes before the first defaulted, `*`/`*args` or
 * `**kwargs` parameter; one with a default before `*args`/`**kwargs`, else last.
 * Multi-line parameter lists get a line of their own.
 */
export function addParameter(source: string, fn: SyntaxNode, text: string, hasDefault: boolean): InsertEdit | undefined {
  const list = fn.childForFieldName('parameters');
  if (!list) return undefined;
  const params = named(list).filter((p) => p.type !== 'comment');
  const blocks = (p: SyntaxNode): boolean =>
    p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator' ||
    (!hasDefault && (p.type === 'default_parameter' || p.type === 'typed_default_parameter'));
  const before = params.find((p) => blocks(p) && !(hasDefault && p.type === 'keyword_separator'));
  const multiline = list.startPosition.row !== list.endPosition.row && params.length > 0 && params[0]!.startPosition.row !== list.startPosition.row;
  if (before) {
    const sep = multiline ? `,\n${indentAt(source, before.startIndex)}` : ', ';
    return { start: before.startIndex, end: before.startIndex, text: `${text}${sep}` };
  }
  const last = params[params.length - 1];
  if (!last) return { start: list.startIndex + 1, end: list.startIndex + 1, text };
  const sep = multiline ? `,\n${indentAt(source, last.startIndex)}` : ', ';
  return { start: last.endIndex, end: last.endIndex, text: `${sep}${text}` };
}

/** Add `name=value` to a call's arguments (after the last one, on its own line in multi-line calls). */
export function addKeywordArgument(source: string, call: SyntaxNode, text: string): InsertEdit | undefined {
  const args = call.childForFieldName('arguments');
  if (!args) return undefined;
  const items = named(args).filter((a) => a.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { start: args.startIndex + 1, end: args.startIndex + 1, text };
  const multiline = last.startPosition.row !== args.startPosition.row;
  const sep = multiline ? `,\n${indentAt(source, last.startIndex)}` : ', ';
  return { start: last.endIndex, end: last.endIndex, text: `${sep}${text}` };
}

/** Append an element to a list literal (`[a]` → `[a, b]`, `[]` → `[b]`). */
export function appendToList(list: SyntaxNode, text: string): InsertEdit | undefined {
  if (list.type !== 'list') return undefined;
  const items = named(list).filter((a) => a.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { start: list.startIndex + 1, end: list.startIndex + 1, text };
  return { start: last.endIndex, end: last.endIndex, text: `, ${text}` };
}
