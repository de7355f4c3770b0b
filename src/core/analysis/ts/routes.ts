// The HTTP routes of one TypeScript/JavaScript file, for the rules (missing
// auth, path parameters, duplicates, request input) and the route explorer:
//   Express  `app.get('/x/:id', auth, handler)`, `router.route('/x').get(h).post(h)`;
//   Fastify  `fastify.get('/x', { preHandler }, handler)`, `fastify.route({ method, url, handler })`;
//   NestJS   `@Controller('x')` classes with `@Get(':id')` methods, `@UseGuards(...)`.
// And the mounts that compose them: `app.use('/prefix', router)`,
// `fastify.register(plugin, { prefix })`.
// A call is a route only when its receiver is an Express/Fastify app or
// router (by where it comes from), or, when that is unknown, when it has the
// shape of one: a path literal followed by a handler. HTTP clients
// (`axios.get('/x', config)`, `http.get(url, cb)`, supertest chains) are not routes.
import type { SyntaxNode } from '../../parse/python';
import { callArgs, isFunction, literalString, named, objectProperty, unwrap, type TsFile } from './tsfile';

export type TsFramework = 'express' | 'fastify' | 'nest';

export const TS_HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'] as const;
const METHODS: ReadonlySet<string> = new Set(TS_HTTP_METHODS);

export interface TsRouteParam {
  readonly name: string;
  readonly node: SyntaxNode;
  /** The type annotation, if any (`dto: CreateCatDto` -> `CreateCatDto`). */
  readonly type: SyntaxNode | undefined;
  /** NestJS parameter decorator name (`Body`, `Param`, `Query`, `Req`, `Headers`…). */
  readonly decorator?: string;
  /** Its first argument when constant (`@Param('id')` -> `id`). */
  readonly decoratorArg?: string;
}

export interface TsRoute {
  readonly framework: TsFramework;
  /** The registering call (Express, Fastify) or the decorated method (NestJS). */
  readonly node: SyntaxNode;
  /** What the route is registered on: `app`, `router`, `fastify`, or the NestJS controller class name. */
  readonly owner: string;
  /** Lower-case methods; `all` for `app.all` / `@All()`. */
  readonly methods: readonly string[];
  /** The path as registered in this file (NestJS: controller prefix and method path joined); undefined when not constant. */
  readonly path: string | undefined;
  readonly pathNode: SyntaxNode | undefined;
  /** Route-level middleware: Express arguments between path and handler, Fastify `onRequest`/`preValidation`/`preHandler` hooks, NestJS guards (class and method). */
  readonly middlewares: readonly SyntaxNode[];
  /** The handler function, when it is inline or a function of this file. */
  readonly handler: SyntaxNode | undefined;
  /** The argument naming the handler when it is not inline (`controller.create`, `createUser`). */
  readonly handlerRef: SyntaxNode | undefined;
  /** Handler name, or `METHOD path` for inline handlers. */
  readonly name: string;
  /** The handler's parameters (Express `req, res, next`; Fastify `request, reply`; NestJS decorated parameters). */
  readonly params: readonly TsRouteParam[];
  /** Fastify route options (`schema`, hooks) when given. */
  readonly options: SyntaxNode | undefined;
}

export interface TsMount {
  readonly kind: 'use' | 'register';
  readonly node: SyntaxNode;
  /** `app`, `router`, `fastify`… */
  readonly owner: string;
  /** A constant path prefix (`app.use('/api', r)`, `register(p, { prefix: '/api' })`), if any. */
  readonly prefix: string | undefined;
  /** The mounted things: routers, middleware, plugins (the arguments after the prefix). */
  readonly targets: readonly SyntaxNode[];
}

/** Modules whose `get`/`post` methods are HTTP clients or unrelated APIs, never route registrations. */
const NOT_SERVERS = /^(axios|got|superagent|supertest|node-fetch|undici|ky|http|https|needle|request|cross-fetch|isomorphic-fetch|@angular\/common\/http|redis|ioredis|pg|mysql2|mongoose|knex|lru-cache|node-cache|keyv|cache-manager)(\/|\.|$)/;
const FASTIFY = /^fastify(\.|$)/;
const EXPRESS = /^express(\.|$)/;
const KOA_ROUTER = /^(koa-router|@koa\/router)(\.|$)/;

export function collectRoutes(file: TsFile): { routes: TsRoute[]; mounts: TsMount[] } {
  const routes: TsRoute[] = [];
  const mounts: TsMount[] = [];
  const source = file.source;
  if (/\.(get|post|put|patch|delete|head|options|all|route|use|register)\s*\(/.test(source)) {
    for (const call of file.tree.rootNode.descendantsOfType('call_expression')) {
      if (!call) continue;
      const method = file.methodName(call);
      if (!method) continue;
      if (METHODS.has(method)) {
        const route = expressOrFastifyRoute(file, call, method);
        if (route) routes.push(route);
      } else if (method === 'route') {
        const route = fastifyRouteObject(file, call);
        if (route) routes.push(route);
      } else if (method === 'use' || method === 'register') {
        const mount = mountOf(file, call, method);
        if (mount) mounts.push(mount);
      }
    }
  }
  if (source.includes('@Controller')) routes.push(...nestRoutes(file));
  routes.sort((a, b) => a.node.startIndex - b.node.startIndex || a.node.endIndex - b.node.endIndex);
  return { routes, mounts };
}

/** How sure we are that `receiver` is a server app or router: its origin, when known, decides. */
function serverKind(file: TsFile, receiver: SyntaxNode): 'express' | 'fastify' | 'no' | 'unknown' {
  const origin = file.origin(receiver) ?? (receiver.type === 'identifier' ? file.imports.get(receiver.text) : undefined);
  if (origin === undefined) return 'unknown';
  if (FASTIFY.test(origin)) return 'fastify';
  if (EXPRESS.test(origin)) return 'express';
  if (NOT_SERVERS.test(origin)) return 'no';
  return 'unknown';
}

/** `X.route('/p')` chains: the path of the innermost `route` call, and its receiver. */
function routeChain(file: TsFile, call: SyntaxNode): { receiver: SyntaxNode; pathNode: SyntaxNode } | undefined {
  let receiver = file.receiver(call);
  while (receiver?.type === 'call_expression') {
    const name = file.methodName(receiver);
    if (name === 'route') {
      const pathNode = callArgs(receiver)[0];
      const owner = file.receiver(receiver);
      return pathNode && owner ? { receiver: owner, pathNode } : undefined;
    }
    if (!name || !METHODS.has(name)) return undefined;
    receiver = file.receiver(receiver);
  }
  return undefined;
}

function expressOrFastifyRoute(file: TsFile, call: SyntaxNode, method: string): TsRoute | undefined {
  const args = callArgs(call);
  const chain = routeChain(file, call);
  const receiver = chain?.receiver ?? file.receiver(call);
  if (!receiver || receiver.type === 'call_expression' || receiver.type === 'new_expression') return undefined;
  const kind = serverKind(file, receiver);
  if (kind === 'no') return undefined;
  const pathNode = chain ? chain.pathNode : args[0];
  const rest = chain ? args : args.slice(1);
  if (!pathNode || rest.length === 0) return undefined;
  const path = literalString(pathNode);
  const last = rest[rest.length - 1]!;
  if (kind === 'unknown') {
    // Shape of a route: a path-like first argument and a handler last.
    // koa-router also takes RPC-style names under a prefix (`router.post("teams.create", ...)` at `/api`).
    const koaName = path !== undefined && /^[\w-]+(\.[\w-]+)+$/.test(path) && KOA_ROUTER.test(file.origin(receiver) ?? (receiver.type === 'identifier' ? file.imports.get(receiver.text) ?? '' : ''));
    const pathLike = path !== undefined ? /^[/*]/.test(path) || path === '' || koaName : pathNode.type === 'regex' || pathNode.type === 'array';
    if (!pathLike || !handlerLike(last)) return undefined;
  }
  let options: SyntaxNode | undefined;
  let middlewares: SyntaxNode[];
  const optionsCandidate = rest.length >= 2 ? unwrap(rest[0]!) : undefined;
  const fastify = kind === 'fastify' || (kind === 'unknown' && optionsCandidate?.type === 'object' && rest.length === 2);
  if (fastify && optionsCandidate?.type === 'object') {
    options = optionsCandidate;
    middlewares = hooks(options);
  } else {
    middlewares = rest.slice(0, -1).flatMap((m) => (unwrap(m).type === 'array' ? named(unwrap(m)) : [m]));
  }
  const framework: TsFramework = fastify || looksFastify(last) ? 'fastify' : 'express';
  const { handler, handlerRef } = resolveHandler(file, last);
  return {
    framework,
    node: call,
    owner: receiver.text,
    methods: [method],
    path,
    pathNode,
    middlewares,
    handler,
    handlerRef,
    name: handlerName(handler, handlerRef, method, path),
    params: handler ? plainParams(handler) : [],
    options,
  };
}

/** `fastify.route({ method: 'GET' | ['GET', 'HEAD'], url: '/x', handler, preHandler })`. */
function fastifyRouteObject(file: TsFile, call: SyntaxNode): TsRoute | undefined {
  const args = callArgs(call);
  const options = args[0] ? unwrap(args[0]) : undefined;
  if (args.length !== 1 || options?.type !== 'object') return undefined;
  const receiver = file.receiver(call);
  if (!receiver || serverKind(file, receiver) === 'no') return undefined;
  const methodNode = objectProperty(options, 'method');
  const urlNode = objectProperty(options, 'url') ?? objectProperty(options, 'path');
  const handlerNode = objectProperty(options, 'handler');
  if (!methodNode || !urlNode || !handlerNode) return undefined;
  const m = unwrap(methodNode);
  const methods = (m.type === 'array' ? named(m) : [m]).map((x) => literalString(x)?.toLowerCase()).filter((x): x is string => !!x && METHODS.has(x));
  if (methods.length === 0) return undefined;
  const path = literalString(urlNode);
  const { handler, handlerRef } = resolveHandler(file, handlerNode);
  return {
    framework: 'fastify',
    node: call,
    owner: receiver.text,
    methods,
    path,
    pathNode: urlNode,
    middlewares: hooks(options),
    handler,
    handlerRef,
    name: handlerName(handler, handlerRef, methods[0]!, path),
    params: handler ? plainParams(handler) : [],
    options,
  };
}

/** Fastify request hooks of a route options object, flattened. */
function hooks(options: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const key of ['onRequest', 'preParsing', 'preValidation', 'preHandler']) {
    const value = objectProperty(options, key);
    if (!value) continue;
    const v = unwrap(value);
    out.push(...(v.type === 'array' ? named(v) : [v]));
  }
  return out;
}

function handlerLike(node: SyntaxNode): boolean {
  const n = unwrap(node);
  return isFunction(n) || n.type === 'identifier' || n.type === 'member_expression' || n.type === 'call_expression';
}

function looksFastify(handler: SyntaxNode): boolean {
  const n = unwrap(handler);
  if (!isFunction(n)) return false;
  const names = plainParams(n).map((p) => p.name);
  return names[1] === 'reply' || names[1] === 'rep';
}

/**
 * The function a handler argument stands for: inline, a function of this
 * file bound to a name, or the function inside a wrapper call
 * (`asyncHandler(async (req, res) => ...)`, `catchAsync(fn)`).
 */
function resolveHandler(file: TsFile, arg: SyntaxNode): { handler: SyntaxNode | undefined; handlerRef: SyntaxNode | undefined } {
  let n = unwrap(arg);
  for (let i = 0; i < 3 && n.type === 'call_expression'; i++) {
    const inner = callArgs(n).map(unwrap).find((a) => isFunction(a) || a.type === 'identifier');
    if (!inner) return { handler: undefined, handlerRef: arg };
    n = inner;
  }
  if (isFunction(n)) return { handler: n, handlerRef: undefined };
  if (n.type === 'identifier') {
    const value = file.singleBinding(n);
    const fn = value ? unwrap(value) : undefined;
    return { handler: fn && isFunction(fn) ? fn : undefined, handlerRef: n };
  }
  return { handler: undefined, handlerRef: n };
}

function handlerName(handler: SyntaxNode | undefined, ref: SyntaxNode | undefined, method: string, path: string | undefined): string {
  const own = handler?.childForFieldName('name')?.text;
  if (own) return own;
  if (ref) return ref.text;
  // `const createUser = async (req, res) => ...` names the arrow function.
  const parent = handler?.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? '';
  return `${method.toUpperCase()} ${path ?? '?'}`;
}

function plainParams(fn: SyntaxNode): TsRouteParam[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [{ name: single.text, node: single, type: undefined }];
  const out: TsRouteParam[] = [];
  for (const p of named(fn.childForFieldName('parameters'))) {
    const pattern = p.childForFieldName('pattern') ?? (p.type === 'identifier' ? p : undefined);
    if (!pattern) continue;
    const type = p.childForFieldName('type');
    const decorator = named(p).find((c) => c.type === 'decorator');
    const call = decorator ? named(decorator)[0] : undefined;
    const decoName = call?.type === 'call_expression' ? call.childForFieldName('function')?.text : call?.text;
    const decoArg = call?.type === 'call_expression' ? callArgs(call)[0] : undefined;
    out.push({
      name: pattern.text,
      node: p,
      type: type ? (named(type)[0] ?? type) : undefined,
      decorator: decoName,
      decoratorArg: decoArg ? literalString(decoArg) : undefined,
    });
  }
  return out;
}

/** Decorator name and call of each decorator node (`@Get(':id')` -> `Get`). */
function decoratorInfo(deco: SyntaxNode): { name: string; call: SyntaxNode | undefined } | undefined {
  const inner = named(deco)[0];
  if (!inner) return undefined;
  if (inner.type === 'call_expression') {
    const fn = inner.childForFieldName('function');
    const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
    return name ? { name, call: inner } : undefined;
  }
  if (inner.type === 'identifier') return { name: inner.text, call: undefined };
  return undefined;
}

/** Decorators of a class: on the class itself or, for `export class`, on the export statement. */
function classDecorators(cls: SyntaxNode): SyntaxNode[] {
  const own = named(cls).filter((c) => c.type === 'decorator');
  const parent = cls.parent;
  const outer = parent?.type === 'export_statement' ? named(parent).filter((c) => c.type === 'decorator') : [];
  return [...outer, ...own];
}

const NEST_METHODS: Record<string, string> = { Get: 'get', Post: 'post', Put: 'put', Patch: 'patch', Delete: 'delete', Head: 'head', Options: 'options', All: 'all' };

function joinPath(prefix: string, path: string): string {
  const parts = [prefix, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p !== '');
  return `/${parts.join('/')}`;
}

function nestRoutes(file: TsFile): TsRoute[] {
  const out: TsRoute[] = [];
  for (const cls of file.tree.rootNode.descendantsOfType(['class_declaration', 'abstract_class_declaration'])) {
    if (!cls) continue;
    const decorators = classDecorators(cls).map((d) => ({ node: d, info: decoratorInfo(d) }));
    const controller = decorators.find((d) => d.info?.name === 'Controller');
    if (!controller) continue;
    const prefixArg = controller.info?.call ? callArgs(controller.info.call)[0] : undefined;
    let prefix: string | undefined = '';
    if (prefixArg) {
      const p = unwrap(prefixArg);
      prefix = p.type === 'object' ? (objectProperty(p, 'path') ? literalString(objectProperty(p, 'path')!) : '') : literalString(p);
    }
    const classGuards = decorators.filter((d) => d.info?.name === 'UseGuards').flatMap((d) => (d.info?.call ? callArgs(d.info.call) : []));
    const owner = cls.childForFieldName('name')?.text ?? '';
    const body = cls.childForFieldName('body');
    let pending: SyntaxNode[] = [];
    for (const member of named(body)) {
      if (member.type === 'decorator') {
        pending.push(member);
        continue;
      }
      if (member.type !== 'method_definition') {
        pending = [];
        continue;
      }
      const memberDecorators = pending.map((d) => ({ node: d, info: decoratorInfo(d) }));
      pending = [];
      const verbs = memberDecorators.filter((d) => d.info && d.info.name in NEST_METHODS);
      if (verbs.length === 0) continue;
      const guards = memberDecorators.filter((d) => d.info?.name === 'UseGuards').flatMap((d) => (d.info?.call ? callArgs(d.info.call) : []));
      for (const verb of verbs) {
        const pathArg = verb.info!.call ? callArgs(verb.info!.call)[0] : undefined;
        const own = pathArg ? literalString(pathArg) : '';
        out.push({
          framework: 'nest',
          node: member,
          owner,
          methods: [NEST_METHODS[verb.info!.name]!],
          path: prefix !== undefined && own !== undefined ? joinPath(prefix, own) : undefined,
          pathNode: pathArg ?? verb.node,
          middlewares: [...classGuards, ...guards],
          handler: member,
          handlerRef: undefined,
          name: member.childForFieldName('name')?.text ?? '',
          params: plainParams(member),
          options: undefined,
        });
      }
    }
  }
  return out;
}

function mountOf(file: TsFile, call: SyntaxNode, method: 'use' | 'register'): TsMount | undefined {
  const receiver = file.receiver(call);
  if (!receiver || receiver.type === 'call_expression') return undefined;
  const kind = serverKind(file, receiver);
  if (kind === 'no') return undefined;
  const args = callArgs(call);
  if (args.length === 0) return undefined;
  if (method === 'register') {
    if (kind === 'express') return undefined;
    const options = args[1] ? unwrap(args[1]) : undefined;
    const prefixNode = options?.type === 'object' ? objectProperty(options, 'prefix') : undefined;
    return { kind: 'register', node: call, owner: receiver.text, prefix: prefixNode ? literalString(prefixNode) : undefined, targets: [args[0]!] };
  }
  if (kind === 'fastify') return undefined; // fastify.use is Express-style middleware only
  const first = literalString(args[0]!);
  const hasPrefix = first !== undefined && first.startsWith('/');
  return { kind: 'use', node: call, owner: receiver.text, prefix: hasPrefix ? first : undefined, targets: hasPrefix ? args.slice(1) : args };
}
