// Authentication in a TypeScript/JavaScript file, for missing-auth: which
// expressions are auth middleware (by name, by the module they come from, by
// project facts, or by what a same-file function does), and whether a route
// runs one: route-level middleware, `router.use(auth)` before it, the router
// mounted behind auth (here or, via project facts, in another file), Fastify
// hooks, NestJS guards (method, class, global) and `@Public()` opt-outs.
import type { SyntaxNode } from '../../parse/python';
import type { TsRuleContext } from '../types';
import type { TsMount, TsRoute } from './routes';
import { AUTH_MODULES, EMPTY_TS_FACTS, isAuthName, moduleOfTsPath, REFUSES, VERIFIES, type TsProjectFacts } from './project';
import { callArgs, enclosingFunction, isFunction, literalString, named, unwrap } from './tsfile';
import { publicByDesign } from '../publicRoutes';

export const MUTATING = new Set(['post', 'put', 'patch', 'delete', 'all']);

/** Code that deletes stored data (ORM/driver deletes, `DELETE FROM`): a GET handler doing it changes data too. */
const DESTRUCTIVE = /\.(destroy|deleteOne|deleteMany|findOneAndDelete|findByIdAndDelete|findOneAndRemove|findByIdAndRemove|truncate)\s*\(|\.delete\s*\(\s*\{\s*where\b|\bDELETE\s+FROM\b|\bDROP\s+TABLE\b|\bTRUNCATE\s+TABLE\b/i;

/** The method under which a route changes data: a mutating verb, or GET whose handler deletes rows (`GET /del_items`). */
export function changingMethod(route: TsRoute): string | undefined {
  const mutating = route.methods.find((m) => MUTATING.has(m));
  if (mutating) return mutating;
  return route.methods.includes('get') && DESTRUCTIVE.test(route.handler?.text ?? '') ? 'get' : undefined;
}

/** Test code builds throwaway apps; it is never deployed. */
export const TS_TEST_FILE = /(^|[\\/])(tests?|__tests__|__mocks__|e2e|spec)[\\/]|\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/;

export function tsFacts(ctx: TsRuleContext): TsProjectFacts {
  return ctx.project.ts ?? EMPTY_TS_FACTS;
}

/** The name an auth middleware expression is known by (`requireAuth`, `passport.authenticate`), if it is one. */
export function authMiddlewareName(ctx: TsRuleContext, node: SyntaxNode, depth = 0): string | undefined {
  const n = unwrap(node);
  const facts = tsFacts(ctx);
  const known = (name: string | undefined): boolean => !!name && facts.authMiddleware.some((m) => m.name === name);
  if (n.type === 'array') {
    for (const e of named(n)) {
      const name = authMiddlewareName(ctx, e, depth + 1);
      if (name) return name;
    }
    return undefined;
  }
  if (n.type === 'call_expression') {
    // `jwt({ secret }).unless({ path: ['/login'] })`: the guard is the inner call.
    const fn = n.childForFieldName('function');
    const inner = fn?.type === 'member_expression' ? fn.childForFieldName('object') : null;
    if (inner && unwrap(inner).type === 'call_expression' && depth < 3) return authMiddlewareName(ctx, inner, depth + 1);
    const callee = ctx.ts.callee(n);
    const last = ctx.ts.methodName(n);
    if (!callee || !last) return undefined;
    if (/^passport\.(initialize|session)$/.test(callee)) return undefined;
    // `fastify.auth([fastify.verifyJWT])`, `passport.authenticate('jwt', { session: false })`.
    if (AUTH_MODULES.test(callee) || known(last) || isAuthName(last)) return callee;
    return undefined;
  }
  if (n.type === 'member_expression') {
    const q = ctx.ts.qualify(n);
    const last = n.childForFieldName('property')?.text;
    // `auth.required`, `fastify.authenticate`, `middlewares.isLoggedIn`: the whole chain names it.
    return (q && AUTH_MODULES.test(q)) || known(last) || (last && isAuthName(last)) || isAuthName(n.text.replace(/\s+/g, '')) ? (q ?? n.text) : undefined;
  }
  if (n.type === 'identifier') {
    const imported = ctx.ts.imports.get(n.text);
    if (imported !== undefined) {
      // `module.name` for a named import; a default import is judged by its local name.
      const tail = imported.split('/').pop()!;
      const last = tail.includes('.') ? tail.split('.').pop()! : n.text;
      return AUTH_MODULES.test(imported) || known(last) || known(n.text) || isAuthName(n.text) || isAuthName(last) ? n.text : undefined;
    }
    if (depth < 3) {
      const value = ctx.ts.singleBinding(n);
      const v = value ? unwrap(value) : undefined;
      if (v && (v.type === 'call_expression' || v.type === 'member_expression' || v.type === 'identifier')) {
        const inner = authMiddlewareName(ctx, v, depth + 1);
        if (inner) return n.text;
      }
      if (v && (isFunction(v) || v.type === 'function_declaration') && verifies(v)) return n.text;
    }
    return known(n.text) || isAuthName(n.text) ? n.text : undefined;
  }
  if (isFunction(n) && verifies(n)) return 'an inline credential check';
  return undefined;
}

/** Does this function check credentials itself (verify a token/session, refuse or call next)? */
export function verifies(fn: SyntaxNode): boolean {
  const text = fn.text;
  return (VERIFIES.test(text) || /\.jwtVerify\s*\(/.test(text)) && REFUSES.test(text);
}

/** A handler that refuses anonymous callers itself (`if (!req.user) return res.sendStatus(401)`). */
function handlerChecks(route: TsRoute): boolean {
  const body = route.handler?.text ?? '';
  return /\b401\b|\bUnauthorized|UnauthorizedException/.test(body) && /\b(user|session|token|authorization|authenticated|verify)\w*/i.test(body);
}

export interface RouteAuth {
  readonly status: 'guarded' | 'open' | 'public';
  readonly reason?: string;
}

/** Scope of a node: its enclosing function, else the program. */
function scopeOf(node: SyntaxNode): number {
  return enclosingFunction(node)?.id ?? -1;
}

function nameOfEnclosingFunction(node: SyntaxNode): string | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const parent = fn.parent;
  return parent?.type === 'variable_declarator' ? parent.childForFieldName('name')?.text : undefined;
}

/** Does a mount target stand for this route's owner (`router`, `authorsRouter(deps)` where the route sits in `authorsRouter`)? */
function mountsOwner(target: SyntaxNode, route: TsRoute): boolean {
  const t = unwrap(target);
  if (t.type === 'identifier') return t.text === route.owner;
  if (t.type === 'call_expression') {
    const fn = t.childForFieldName('function')?.text;
    return !!fn && fn === nameOfEnclosingFunction(route.node);
  }
  return false;
}

function prefixCovers(prefix: string | undefined, path: string | undefined): boolean {
  if (prefix === undefined || prefix === '/' || prefix === '') return true;
  if (path === undefined) return false;
  const p = prefix.replace(/\/+$/, '');
  return path === p || path.startsWith(`${p}/`);
}

/** A guard installed on `owner` before `at` in the same scope: `router.use(auth)`, `fastify.addHook('onRequest', auth)`. */
function ownerGuard(ctx: TsRuleContext, owner: string, at: SyntaxNode, path: string | undefined): string | undefined {
  for (const mount of ctx.ts.mounts) {
    if (mount.owner !== owner || mount.kind !== 'use' || scopeOf(mount.node) !== scopeOf(at)) continue;
    if (mount.node.startIndex > at.startIndex) continue;
    if (!prefixCovers(mount.prefix, path)) continue;
    const guard = mount.targets.map((t) => authMiddlewareName(ctx, t)).find((x) => x);
    if (guard) return `${guard} (${owner}.use)`;
  }
  // Fastify hooks apply to the whole plugin, whatever the order (only Fastify instances have `addHook`).
  for (const hook of hooks(ctx)) {
    if (hook.owner !== owner || scopeOf(hook.node) !== scopeOf(at)) continue;
    return `${hook.guard} (${owner}.addHook)`;
  }
  return undefined;
}

interface HookCall {
  readonly owner: string;
  readonly node: SyntaxNode;
  readonly guard: string;
}

const hookCache = new WeakMap<object, HookCall[]>();

/** `fastify.addHook('onRequest' | 'preHandler' | 'preValidation', auth)` calls whose hook authenticates. */
function hooks(ctx: TsRuleContext): HookCall[] {
  const cached = hookCache.get(ctx.ts);
  if (cached) return cached;
  const out: HookCall[] = [];
  if (ctx.source.includes('addHook')) {
    for (const call of ctx.tree.rootNode.descendantsOfType('call_expression')) {
      if (!call || ctx.ts.methodName(call) !== 'addHook') continue;
      const [name, fn] = callArgs(call);
      const receiver = ctx.ts.receiver(call);
      if (!name || !fn || !receiver || !/^(onRequest|preHandler|preValidation|preParsing)$/.test(literalString(name) ?? '')) continue;
      const guard = authMiddlewareName(ctx, fn) ?? (isFunction(unwrap(fn)) && /\.jwtVerify\s*\(|\bauthenticate\s*\(/.test(fn.text) ? 'an inline credential check' : undefined);
      if (guard) out.push({ owner: receiver.text, node: call, guard });
    }
  }
  hookCache.set(ctx.ts, out);
  return out;
}

/** The project facts say this file's router is mounted behind auth. */
function projectGuard(ctx: TsRuleContext, route: TsRoute): string | undefined {
  const facts = tsFacts(ctx);
  if (facts.protectedRouters.length === 0) return undefined;
  const own = moduleOfTsPath(ctx.path);
  const exact = facts.protectedRouters.filter((r) => own === r.module || own.endsWith(`/${r.module}`) || r.module.endsWith(`/${own}`));
  // Else by file name (`routes/admin-orders` mounted from a copy of the app module elsewhere), as for Python modules.
  const stem = own.split('/').pop();
  const mine = exact.length > 0 ? exact : facts.protectedRouters.filter((r) => r.module.split('/').pop() === stem);
  if (mine.length === 0) return undefined;
  const fnName = nameOfEnclosingFunction(route.node);
  const owners = new Set(ctx.ts.routes.filter((r) => r.framework !== 'nest').map((r) => r.owner));
  for (const r of mine) {
    if (r.name === fnName || r.name === route.owner) return r.reason;
    // `export default router`, `module.exports = router`, or a file with one router.
    if (r.name === 'default' && (new RegExp(`export\\s+default\\s+${route.owner}\\b|module\\.exports\\s*=\\s*${route.owner}\\b`).test(ctx.source) || owners.size === 1)) return r.reason;
    if (owners.size === 1 && !fnName) return r.reason;
  }
  return undefined;
}

/** A mount in this file of the route's owner behind auth: `app.use('/x', auth, router)`, or after `app.use(auth)`. */
function mountGuard(ctx: TsRuleContext, route: TsRoute, depth = 0): string | undefined {
  for (const mount of ctx.ts.mounts) {
    const index = mount.targets.findIndex((t) => mountsOwner(t, route));
    if (index < 0) continue;
    const inline = mount.targets.slice(0, index).map((t) => authMiddlewareName(ctx, t)).find((x) => x);
    if (inline) return `${inline} (${mount.owner}.use)`;
    const before = ownerGuard(ctx, mount.owner, mount.node, mount.prefix);
    if (before) return before;
    if (depth < 2) {
      const parentRoute = { ...route, owner: mount.owner, node: mount.node } as TsRoute;
      const up = mountGuard(ctx, parentRoute, depth + 1);
      if (up) return up;
    }
  }
  return undefined;
}

/** NestJS decorators written on a method (`@Public()`) or its class. */
export function nestDecorators(method: SyntaxNode): string[] {
  const out: string[] = [];
  for (let s = method.previousNamedSibling; s && (s.type === 'decorator' || s.type === 'comment'); s = s.previousNamedSibling) {
    if (s.type === 'decorator') out.push(s.text);
  }
  let cls: SyntaxNode | null = method.parent;
  while (cls && cls.type !== 'class_declaration' && cls.type !== 'abstract_class_declaration' && cls.type !== 'class') cls = cls.parent;
  if (cls) {
    for (const d of named(cls)) if (d.type === 'decorator') out.push(d.text);
    if (cls.parent?.type === 'export_statement') for (const d of named(cls.parent)) if (d.type === 'decorator') out.push(d.text);
  }
  return out;
}

const PUBLIC_DECORATOR = /^@(Public|IsPublic|SkipAuth|AllowAnonymous|Anonymous|NoAuth|PublicRoute|Unprotected)\s*\(/;

/** Is an ignore[missing-auth] comment written alone in the route's scope, before the owner's first route, as a router-level declaration? */
function declaredPublic(ctx: TsRuleContext, route: TsRoute): boolean {
  if (!ctx.source.includes('missing-auth')) return false;
  const scope = enclosingFunction(route.node) ?? ctx.tree.rootNode;
  const first = ctx.ts.routes.find((r) => r.owner === route.owner && (enclosingFunction(r.node) ?? ctx.tree.rootNode).id === scope.id);
  if (!first) return false;
  for (const comment of scope.descendantsOfType('comment')) {
    if (!comment || comment.startIndex > first.node.startIndex) continue;
    if (!/^\/\/\s*backend-skill:\s*ignore(\[[^\]]*\bmissing-auth\b[^\]]*\])?(\s|$)/.test(comment.text)) continue;
    const lineStart = ctx.source.lastIndexOf('\n', comment.startIndex - 1) + 1;
    if (ctx.source.slice(lineStart, comment.startIndex).trim() !== '') continue;
    // The next code line must not be a route: then it is an ordinary one-line suppression.
    let next = comment.nextSibling;
    while (next && next.type === 'comment') next = next.nextSibling;
    if (next && ctx.ts.routes.some((r) => r.node.startIndex >= next!.startIndex && r.node.endIndex <= next!.endIndex)) continue;
    return true;
  }
  return false;
}

/** How a route is guarded. */
export function routeAuth(ctx: TsRuleContext, route: TsRoute): RouteAuth {
  const facts = tsFacts(ctx);
  if (route.framework === 'nest') {
    const decorators = nestDecorators(route.node);
    if (decorators.some((d) => PUBLIC_DECORATOR.test(d))) return { status: 'public', reason: 'declared public' };
    const guard = route.middlewares.map((m) => nestGuardName(ctx, m)).find((x) => x);
    if (guard) return { status: 'guarded', reason: guard };
    if (facts.nestGlobalGuard || /\bAPP_GUARD\b|useGlobalGuards\s*\(/.test(ctx.source)) return { status: 'guarded', reason: 'global guard' };
    if (handlerChecks(route)) return { status: 'guarded', reason: 'handler check' };
    return { status: 'open' };
  }
  const own = route.middlewares.map((m) => authMiddlewareName(ctx, m)).find((x) => x);
  if (own) return { status: 'guarded', reason: own };
  const router = ownerGuard(ctx, route.owner, route.node, route.path) ?? mountGuard(ctx, route) ?? projectGuard(ctx, route);
  if (router) return { status: 'guarded', reason: router };
  if (handlerChecks(route)) return { status: 'guarded', reason: 'handler check' };
  if (declaredPublic(ctx, route)) return { status: 'public', reason: 'declared public' };
  return { status: 'open' };
}

/** A NestJS guard that authenticates: `AuthGuard('jwt')`, `JwtAuthGuard`, a project guard class. */
export function nestGuardName(ctx: TsRuleContext, node: SyntaxNode): string | undefined {
  const n = unwrap(node);
  const head = n.type === 'call_expression' || n.type === 'new_expression' ? n.childForFieldName(n.type === 'call_expression' ? 'function' : 'constructor') : n;
  const name = head?.text.split('.').pop() ?? '';
  if (/throttl|ratelimit|csrf/i.test(name)) return undefined;
  const facts = tsFacts(ctx);
  if (facts.authMiddleware.some((m) => m.name === name) || isAuthName(name) || AUTH_MODULES.test(ctx.ts.imports.get(name) ?? '')) return name;
  return undefined;
}

/** Does the file (or project) authenticate anywhere? The rule is silent otherwise. */
export function authEnabled(ctx: TsRuleContext): boolean {
  const facts = tsFacts(ctx);
  if (facts.hasAuth || facts.authMiddleware.length > 0) return true;
  for (const spec of ctx.ts.imports.values()) if (AUTH_MODULES.test(spec)) return true;
  for (const route of ctx.ts.routes) {
    if (route.framework === 'nest' ? route.middlewares.some((m) => nestGuardName(ctx, m)) : route.middlewares.some((m) => authMiddlewareName(ctx, m))) return true;
  }
  if (ctx.ts.mounts.some((m: TsMount) => m.targets.some((t) => authMiddlewareName(ctx, t)))) return true;
  return hooks(ctx).length > 0;
}

/** Path segments of routes anyone must reach to get credentials (or check liveness). */
const EXEMPT_SEGMENT = /^(login|logout|signin|sign-in|sign_in|signup|sign-up|sign_up|register|registration|token|tokens|password-reset|reset-password|forgot-password|password_reset|reset_password|forgot_password|password-recovery|recover-password|verify-email|confirm-email|magic-link|health|healthz|healthcheck|health-check|livez|readyz|ping|callback|oauth|csp-report|unsubscribe)$/;
const EXEMPT_NAME = /^(login|logout|signin|signup|signIn|signUp|register|registration|healthcheck|health|ping|liveness|readiness|refresh|refreshTokens?|refreshAccessToken|issueToken|getToken|createToken|token|forgotPassword|resetPassword|requestPasswordReset|verifyEmail|createSession)$/i;
const SIGNATURE = /\b(hmac|timingSafeEqual|constructEvent|verifySignature|validateSignature|checkSignature|verifyWebhook|webhooks\.verify|signature)\b/i;

/** The last part of an RPC-style route name (`documents.list`) that only reads: POST is the transport there, not a write. */
const RPC_READ = /^(list|info|config|search|get|count|export|stats|history|check|lookup|find|preview|suggest|autocomplete)$/;

/** Why a route is exempt from authentication (login, health, signed webhook), if it is. */
export function exemptReason(route: TsRoute, path: string | undefined = route.path): string | undefined {
  // koa-router RPC names (`/api/documents.list`): each dotted part is a segment, and the last one says what the call does.
  const rpc = /(^|\/)[\w-]+(\.[\w-]+)+$/.test(path ?? '');
  const segments = (path ?? '').toLowerCase().split(rpc ? /[/.]/ : '/').filter(Boolean);
  if (rpc && RPC_READ.test(segments[segments.length - 1] ?? '')) return 'read-only RPC method';
  const name = route.name;
  const body = route.handler?.text ?? '';
  const webhook = segments.some((s) => s.includes('webhook')) || /webhook/i.test(name);
  if (webhook) return SIGNATURE.test(body) || route.middlewares.some((m) => SIGNATURE.test(m.text)) ? 'webhook with a signature check' : undefined;
  if (segments.some((s) => EXEMPT_SEGMENT.test(s))) return `${segments.find((s) => EXEMPT_SEGMENT.test(s))} route`;
  // The same classes as the Python rule (refresh, password reset, OAuth server endpoints, one-time codes,
  // capability URLs), with Express's `:name` parameters written `{name}`.
  const byDesign = publicByDesign(segments.map((s) => s.replace(/^:(\w+)(\([^)]*\))?\??$/, '{$1}')));
  if (byDesign) return byDesign;
  if (EXEMPT_NAME.test(name.split('.').pop() ?? name)) return `${name} handler`;
  if (SIGNATURE.test(body) && /\b(hmac|timingSafeEqual|constructEvent)\b/.test(body)) return 'signed request';
  return undefined;
}

/** What the missing-auth rule concludes about one route (shared with the route explorer's lock). */
export interface RouteVerdict {
  readonly status: 'guarded' | 'open' | 'public' | 'exempt';
  readonly reason: string | undefined;
  /** The rule reports it: a mutating, open route in a project that authenticates, outside tests. */
  readonly flagged: boolean;
}

/**
 * `POST /users` beside `POST /users/login` in the same file: creating the
 * account whose login lives under it is sign-up, which anyone must reach
 * (the RealWorld API shape). Any other method, or a collection without a
 * login route beside it, stays checked.
 */
function signUpCollection(ctx: TsRuleContext, route: TsRoute): string | undefined {
  if (route.path === undefined || !route.methods.includes('post') || route.methods.length !== 1) return undefined;
  const base = route.path.replace(/\/+$/, '');
  if (!/^\/?[\w-]+$/.test(base.replace(/^\/(api|v\d+)(?=\/)/, ''))) return undefined;
  const login = ctx.ts.routes.some((r) => r !== route && r.owner === route.owner && r.methods.includes('post') && r.path !== undefined && new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(login|signin|sign-in|sign_in)/?$`, 'i').test(r.path));
  return login ? 'sign-up route (the collection its login route lives under)' : undefined;
}

export function routeVerdict(ctx: TsRuleContext, route: TsRoute): RouteVerdict {
  const exempt = exemptReason(route) ?? signUpCollection(ctx, route);
  if (exempt) return { status: 'exempt', reason: exempt, flagged: false };
  const auth = routeAuth(ctx, route);
  const flagged = auth.status === 'open' && !TS_TEST_FILE.test(ctx.path) && changingMethod(route) !== undefined && authEnabled(ctx);
  return { status: auth.status, reason: auth.reason, flagged };
}
