// `add route` for Express: one handler inserted into an existing router
// module (a generated `src/routes/<plural>.ts` or a hand-written file). The
// router is the variable holding `Router()` / `express.Router()` (or an
// `express()` app); the route goes after its last route, or at the cursor when
// the cursor sits between two of them. `:id`-style parameters are parsed with
// zod into typed values, the body is parsed with the resource's zod schema
// when the project has one, the auth middleware the file already uses is put
// in front when asked, and a method + path the router already serves is
// refused with its line. The handler answers 501 until it is filled in.
import type { FileView } from '../files';
import { SpecError } from '../request/fields';
import { parseExpressPath } from '../request/expressRoute';
import { resourceNames } from '../request/names';
import { InputError } from '../request/resource';
import { HttpMethodSchema, type HttpMethod, type PathParam } from '../request/route';
import type { CallExpression, Node as MorphNode, Statement } from 'ts-morph';
import { firstTsSyntaxError, indentAt, lineEnd, parseTs, planImports, tsString, tsStyle, type ImportNeed, type ParsedTs, type TsStyle } from '../ts/edit';
import { applyEdits, type EditPlan, type TextEdit } from './editPlan';
import { PlanError } from './fastapi';

export interface AddExpressRouteInput {
  /** The router module, relative to the project root (e.g. `src/routes/books.ts`). */
  readonly routerPath: string;
  readonly method: string;
  /** Relative to where the router is mounted: `/`, `/:id/tags/:tag` (or `{id}`, converted). */
  readonly path: string;
  /** Put the route behind the auth middleware in scope (skipped when the whole router already is). */
  readonly auth: boolean;
  /** The router variable, when the module declares several. */
  readonly router?: string;
  /** A zod schema exported by the project to parse the body with; default: the resource's `XCreate` / `XUpdate`. `''`: none. */
  readonly bodySchema?: string;
  /** Cursor offset in the router file's text, when the command runs in an editor. */
  readonly cursor?: number;
}

/** A route an Express router already declares. */
export interface ExpressRoute {
  /** Upper case; `ALL` for `router.all`. */
  readonly method: string;
  readonly path: string;
  /** 1-based line of the call. */
  readonly line: number;
}

/** A router (or app) variable of a module and its routes. */
export interface ExpressRouter {
  readonly name: string;
  /** 1-based line of its declaration. */
  readonly line: number;
  readonly kind: 'router' | 'app';
  readonly routes: readonly ExpressRoute[];
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']);

interface FoundRouter extends ExpressRouter {
  /** The statement list the router is declared in (a function body or the module). */
  readonly statements: readonly Statement[];
  /** Index of the declaring statement in `statements`. */
  readonly declIndex: number;
  readonly routeStatements: readonly { statement: Statement; route: ExpressRoute; call: CallExpression }[];
  /** Statements `router.use(...)` before the first route. */
  readonly uses: readonly CallExpression[];
}

/** Names imported from `express`: the default/namespace binding and `Router` under its local name. */
function expressBindings(parsed: ParsedTs): { module: Set<string>; router: Set<string> } {
  const module = new Set<string>();
  const router = new Set<string>();
  for (const d of parsed.file.getImportDeclarations()) {
    if (d.getModuleSpecifierValue() !== 'express') continue;
    const def = d.getDefaultImport()?.getText();
    if (def) module.add(def);
    const ns = d.getNamespaceImport()?.getText();
    if (ns) module.add(ns);
    for (const n of d.getNamedImports()) if (n.getName() === 'Router') router.add((n.getAliasNode() ?? n.getNameNode()).getText());
  }
  // `import express = require('express')`
  for (const d of parsed.file.getDescendantsOfKind(parsed.morph.SyntaxKind.ImportEqualsDeclaration)) {
    if (/require\(\s*['"]express['"]\s*\)/.test(d.getModuleReference().getText())) module.add(d.getName());
  }
  return { module, router };
}

/** The string value of a plain literal (no template substitutions), else undefined. */
function literal(parsed: ParsedTs, node: MorphNode | undefined): string | undefined {
  if (!node) return undefined;
  if (parsed.morph.Node.isStringLiteral(node) || parsed.morph.Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}

/** `ROUTER.verb(path, ...)` or `ROUTER.route(path).verb(...).verb(...)` as routes. */
function routesOfCall(parsed: ParsedTs, call: CallExpression, name: string): { routes: ExpressRoute[]; use: boolean } {
  const { Node } = parsed.morph;
  const line = call.getStartLineNumber();
  const routes: ExpressRoute[] = [];
  const verbs: string[] = [];
  let current: MorphNode = call;
  while (Node.isCallExpression(current)) {
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return { routes: [], use: false };
    const member = callee.getName();
    const target = callee.getExpression();
    if (Node.isIdentifier(target) && target.getText() === name) {
      if (member === 'use') return { routes: [], use: verbs.length === 0 };
      const path = literal(parsed, current.getArguments()[0]);
      if (path === undefined) return { routes: [], use: false };
      if (member === 'route') for (const v of [...verbs].reverse()) routes.push({ method: v.toUpperCase(), path, line });
      else if (VERBS.has(member) && verbs.length === 0) routes.push({ method: member.toUpperCase(), path, line });
      return { routes, use: false };
    }
    if (!VERBS.has(member)) return { routes: [], use: false };
    verbs.push(member);
    current = target;
  }
  return { routes: [], use: false };
}

/** Every router/app variable of the module with its routes. */
function findRouters(parsed: ParsedTs): FoundRouter[] {
  const { morph, file } = parsed;
  const { Node, SyntaxKind } = morph;
  const bindings = expressBindings(parsed);
  const found: FoundRouter[] = [];
  for (const declaration of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    let init = declaration.getInitializer();
    while (init && (Node.isAsExpression(init) || Node.isParenthesizedExpression(init) || Node.isSatisfiesExpression(init))) init = init.getExpression();
    if (!init || !Node.isCallExpression(init)) continue;
    const callee = init.getExpression();
    const text = callee.getText();
    let kind: 'router' | 'app' | undefined;
    if (Node.isIdentifier(callee) && bindings.router.has(text)) kind = 'router';
    else if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'Router' && bindings.module.has(callee.getExpression().getText())) kind = 'router';
    else if (Node.isIdentifier(callee) && bindings.module.has(text)) kind = 'app';
    const nameNode = declaration.getNameNode();
    if (!kind || !Node.isIdentifier(nameNode)) continue;
    const statement = declaration.getVariableStatement();
    const container = statement?.getParent();
    if (!statement || !container || !(Node.isSourceFile(container) || Node.isBlock(container))) continue;
    const statements = container.getStatements();
    const declIndex = statements.indexOf(statement);
    const name = nameNode.getText();
    const routeStatements: FoundRouter['routeStatements'][number][] = [];
    const uses: CallExpression[] = [];
    for (const s of statements.slice(declIndex + 1)) {
      if (!Node.isExpressionStatement(s)) continue;
      const call = s.getExpression();
      if (!Node.isCallExpression(call)) continue;
      const { routes, use } = routesOfCall(parsed, call, name);
      if (use && routeStatements.length === 0) uses.push(call);
      for (const route of routes) routeStatements.push({ statement: s, route, call });
    }
    found.push({
      name, kind, line: declaration.getStartLineNumber(), statements, declIndex, routeStatements, uses,
      routes: routeStatements.map((r) => r.route),
    });
  }
  return found;
}

/** `/:a/x` and `/:b/x/` serve the same requests: compare with parameter names and a trailing slash erased. */
function routeKey(path: string): string {
  return path.replace(/:[A-Za-z0-9_$]+/g, ':').replace(/\{[^}]*\}/g, ':').replace(/\/+$/, '') || '/';
}

/** Would a new `method path` clash with `route`? (`all` serves every method.) */
export function sameExpressRoute(route: { method: string; path: string }, method: string, path: string): boolean {
  const a = route.method.toUpperCase();
  const b = method.toUpperCase();
  return (a === b || a === 'ALL' || b === 'ALL') && routeKey(route.path.trim()) === routeKey(path.trim() || '/');
}

/** The routers of a module and their routes, for pickers and live duplicate checks. */
export async function expressRoutersIn(path: string, source: string): Promise<ExpressRouter[]> {
  const parsed = await parseTs(path, source);
  return findRouters(parsed).map(({ name, kind, line, routes }) => ({ name, kind, line, routes }));
}

const AUTH_NAME = /auth|jwt|token|protect|guard|login|session|verify|bearer|passport/i;

/** The auth middleware text the module already uses, or can reach. */
interface AuthChoice {
  readonly text: string;
  /** A declaration to add (`const auth = requireAuth(deps.config);`) and the import it needs. */
  readonly declare?: { readonly text: string; readonly import: ImportNeed };
}

/** Which auth middleware a new route gets: what the other routes use, else one declared or imported in scope. */
async function findAuth(parsed: ParsedTs, router: FoundRouter, view: FileView): Promise<AuthChoice | undefined> {
  const { Node } = parsed.morph;
  // 1. Middleware other routes of this router already put in front of their handler.
  const counts = new Map<string, number>();
  for (const { call } of router.routeStatements) {
    let head: MorphNode = call;
    // For a chain, the middleware of each verb call; for a plain route, its own arguments.
    const calls: CallExpression[] = [];
    while (Node.isCallExpression(head)) {
      calls.push(head);
      const callee = head.getExpression();
      head = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
    }
    for (const c of calls) {
      const callee = c.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() === 'route') continue;
      const args = c.getArguments();
      const isPlain = Node.isIdentifier(callee.getExpression()) && callee.getExpression().getText() === router.name;
      const middle = args.slice(isPlain ? 1 : 0, -1);
      for (const m of middle) {
        const text = m.getText();
        if (AUTH_NAME.test(text) && !/\n/.test(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
      }
    }
  }
  const used = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (used) return { text: used[0] };
  // 2. A variable in the router's scope or the module holding an auth middleware: `const auth = requireAuth(deps.config)`.
  const scopes = [router.statements, parsed.file.getStatements()];
  for (const statements of scopes) {
    for (const s of statements) {
      if (!Node.isVariableStatement(s)) continue;
      for (const d of s.getDeclarations()) {
        const init = d.getInitializer();
        const name = d.getName();
        if (init && Node.isCallExpression(init) && AUTH_NAME.test(init.getExpression().getText()) && AUTH_NAME.test(name)) return { text: name };
      }
    }
  }
  // 3. The project's auth module (src/middleware/auth.ts exports requireAuth(config)), inside a router factory taking `deps`.
  const authModule = 'src/middleware/auth';
  const authSource = await view.readFile(`${authModule}.ts`);
  const container = router.statements[0]?.getParent();
  const fn = container && Node.isBlock(container) ? container.getParent() : undefined;
  const depsParam = fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))
    ? fn.getParameters().map((p) => p.getName()).find((n) => n === 'deps')
    : undefined;
  if (authSource && /export\s+function\s+requireAuth\s*\(/.test(authSource) && depsParam) {
    return {
      text: 'auth',
      declare: { text: `const auth = requireAuth(${depsParam}.config)`, import: { module: authModule, name: 'requireAuth', project: true } },
    };
  }
  return undefined;
}

/** Exported `const NAME = z.…` / `NAME = …` names of a module (zod schemas and friends). */
function exportedConsts(parsed: ParsedTs): Set<string> {
  const names = new Set<string>();
  for (const [name, declarations] of parsed.file.getExportedDeclarations()) {
    if (declarations.some((d) => parsed.morph.Node.isVariableDeclaration(d))) names.add(name);
  }
  return names;
}

/** The project's schema modules (`src/schemas/*.ts`) with their exported consts. */
async function schemaExports(view: FileView): Promise<Map<string, Set<string>>> {
  const files = (await view.listDir('src/schemas')).filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts')).sort();
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const text = await view.readFile(file);
    if (text === undefined || !/\bexport\b/.test(text)) continue;
    out.set(file.replace(/\.ts$/, ''), exportedConsts(await parseTs(file, text)));
  }
  return out;
}

/** The zod schema a route's body is parsed with, and the module it comes from. */
async function bodySchemaFor(
  parsed: ParsedTs, view: FileView, routerPath: string, method: HttpMethod, explicit: string | undefined,
): Promise<{ name: string; module: string } | undefined> {
  if (explicit === '') return undefined;
  // Names the router already imports from a schemas module come first (the user's own choice of module).
  const imported = new Map<string, string>();
  for (const d of parsed.file.getImportDeclarations()) {
    const spec = d.getModuleSpecifierValue();
    for (const n of d.getNamedImports()) imported.set(n.getName(), spec);
  }
  const modules = await schemaExports(view);
  const find = (name: string): { name: string; module: string } | undefined => {
    for (const [module, names] of modules) if (names.has(name)) return { name, module };
    return undefined;
  };
  if (explicit !== undefined) {
    const found = find(explicit.trim());
    if (!found) {
      const known = [...modules.values()].flatMap((s) => [...s]).filter((n) => /(Create|Update|Input|Body|Dto)$/.test(n)).slice(0, 12).join(', ') || 'none';
      throw new InputError('body', `body schema ${explicit} is not exported by a module in src/schemas (found: ${known})`);
    }
    return found;
  }
  if (method === 'GET' || method === 'DELETE') return undefined;
  const suffix = method === 'PATCH' ? 'Update' : 'Create';
  // The resource of the router file: src/routes/order-lines.ts -> OrderLine.
  const stem = routerPath.replace(/^.*\//, '').replace(/\.(ts|js)$/, '');
  const stems = [...imported.keys()].filter((n) => /(Create|Update|Public)$/.test(n)).map((n) => n.replace(/(Create|Update|Public)$/, ''));
  for (const base of stems) {
    const hit = find(`${base}${suffix}`);
    if (hit) return hit;
  }
  for (const module of modules.keys()) {
    const names = resourceNames(module.replace(/^.*\//, ''));
    if (names.kebabPlural === stem || names.snakePlural === stem || module.endsWith(`/${stem}`)) {
      const hit = find(`${names.className}${suffix}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The statement after which the route goes: the one before the cursor when it sits between routes, else the last route. */
function anchorFor(router: FoundRouter, cursor: number | undefined): Statement {
  const statements = router.statements;
  const last = router.routeStatements[router.routeStatements.length - 1]?.statement;
  if (last && cursor !== undefined) {
    const first = router.routeStatements[0]!.statement;
    const firstIndex = statements.indexOf(first);
    const lastIndex = statements.indexOf(last);
    for (let i = firstIndex; i <= lastIndex; i++) {
      const here = statements[i]!;
      const next = statements[i + 1];
      if (here.getEnd() <= cursor && (next === undefined || cursor < next.getStart())) return here;
    }
  }
  if (last) return last;
  // No routes yet: after the declaration and any router.use(...) right behind it.
  let anchor = statements[router.declIndex]!;
  for (const s of statements.slice(router.declIndex + 1)) {
    if (router.uses.some((u) => u.getParent() === s)) anchor = s;
    else break;
  }
  return anchor;
}

/** Insertions at the same offset become one edit (in order), so every adapter applies them the same way. */
export function mergeInserts(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === prev.start && e.end === e.start) out[out.length - 1] = { ...prev, text: prev.text + e.text };
    else out.push(e);
  }
  return out;
}

/** The success reply a finished handler sends, named in the generated comment. */
function successReply(method: HttpMethod): string {
  switch (method) {
    case 'POST':
      return 'res.status(201).json(created)';
    case 'DELETE':
      return 'res.status(204).end()';
    default:
      return 'res.json(result)';
  }
}

/** Plan one route in an Express router module. Throws InputError (bad input) or PlanError (project state). */
export async function planAddExpressRoute(view: FileView, input: AddExpressRouteInput): Promise<EditPlan> {
  const method = HttpMethodSchema.safeParse(input.method.toUpperCase());
  if (!method.success) throw new InputError('method', method.error.issues[0]!.message);
  let parsedPath;
  try {
    parsedPath = parseExpressPath(input.path);
  } catch (error) {
    if (error instanceof SpecError) throw new InputError('path', error.describe(), error.token, error.offset);
    throw error;
  }
  const { path, params } = parsedPath;
  const routerPath = input.routerPath.replace(/^\.?\//, '');
  const original = await view.readFile(routerPath);
  if (original === undefined) throw new PlanError(`${routerPath} does not exist; open a router module (e.g. src/routes/books.ts)`);
  const syntax = await firstTsSyntaxError(routerPath, original);
  if (syntax) throw new PlanError(`${routerPath} has a syntax error at line ${syntax.line}, column ${syntax.column} (${syntax.message}); fix it first, then run again`);
  const parsed = await parseTs(routerPath, original);
  const routers = findRouters(parsed);
  if (routers.length === 0) {
    throw new PlanError(`${routerPath} has no Express router (\`const router = Router()\` or \`express.Router()\`, with Router imported from 'express'); run Add Route in a router module`);
  }
  let router: FoundRouter | undefined;
  if (input.router) {
    router = routers.find((r) => r.name === input.router);
    if (!router) throw new InputError('router', `${routerPath} has no router named ${input.router} (found: ${routers.map((r) => r.name).join(', ')})`);
  } else {
    const routerOnly = routers.filter((r) => r.kind === 'router');
    const pool = routerOnly.length > 0 ? routerOnly : routers;
    const atCursor = input.cursor === undefined ? undefined : pool.filter((r) => {
      const container = r.statements[0]!.getParent()!;
      return container.getStart() <= input.cursor! && input.cursor! <= container.getEnd();
    }).sort((a, b) => (b.statements[0]!.getParent()!.getStart() - a.statements[0]!.getParent()!.getStart()))[0];
    router = atCursor && pool.filter((r) => r.statements === atCursor.statements).length === 1 ? atCursor : pool.length === 1 ? pool[0] : undefined;
    if (!router) throw new InputError('router', `${routerPath} declares several routers (${pool.map((r) => `${r.name}, line ${r.line}`).join('; ')}); choose one`);
  }

  const clash = router.routes.find((r) => sameExpressRoute(r, method.data, path));
  if (clash) {
    throw new InputError('path', `${method.data} ${path} already exists in ${routerPath} (${clash.method === 'ALL' ? `${router.name}.all, ` : ''}line ${clash.line}); choose another method or path`);
  }

  const style = tsStyle(parsed);
  const notes: string[] = [];
  const needs: ImportNeed[] = [];
  const zodNeed: ImportNeed = { module: 'zod', name: 'z', namespaceIsName: true };

  // Authentication: what the router's other routes use, or one in scope.
  let auth: AuthChoice | undefined;
  if (input.auth) {
    const guarded = router.uses.find((u) => AUTH_NAME.test(u.getArguments().map((a) => a.getText()).join(',')));
    if (guarded) notes.push(`${routerPath}: every route of ${router.name} already requires authentication (line ${guarded.getStartLineNumber()})`);
    else {
      auth = await findAuth(parsed, router, view);
      if (!auth) {
        throw new PlanError(`no auth middleware in scope in ${routerPath}: no route uses one and none is declared or imported (e.g. \`const auth = requireAuth(deps.config)\` from src/middleware/auth); add one, or add the route without authentication`);
      }
      if (auth.declare) needs.push(auth.declare.import);
    }
  }
  const body = await bodySchemaFor(parsed, view, routerPath, method.data, input.bodySchema);
  if (body) needs.push({ module: body.module, name: body.name, project: true });
  else if (method.data === 'POST' || method.data === 'PUT' || method.data === 'PATCH') {
    notes.push(`no zod schema found for the body (e.g. ${method.data === 'PATCH' ? 'XUpdate' : 'XCreate'} in src/schemas): parse req.body before using it (Backend: Add DTO… creates one)`);
  }
  // The generated projects parse `:id` with IdParams from src/schemas/common.ts: reuse it where it exists.
  const idParams: ImportNeed | undefined = params.some((p) => p.name === 'id' && p.type === 'int') && /export\s+const\s+IdParams\b/.test((await view.readFile('src/schemas/common.ts')) ?? '')
    ? { module: 'src/schemas/common', name: 'IdParams', project: true }
    : undefined;
  if (idParams) needs.push(idParams);
  if (params.some((p) => p.type === 'int' && !(idParams && p.name === 'id'))) needs.push(zodNeed);

  let imports;
  try {
    imports = planImports(parsed, routerPath, needs, style);
  } catch (error) {
    throw new PlanError((error as Error).message);
  }
  const ref = (need: ImportNeed) => imports.refs.get(`${need.module}#${need.name}`) ?? need.name;

  // Async handlers when the file's handlers are (Express 5 forwards their rejections), or when it has none yet.
  const handlers = router.routeStatements.map((r) => r.call.getArguments().at(-1)).filter((a) => a !== undefined);
  const async = handlers.length === 0 || handlers.some((h) => /^async\b/.test(h!.getText()));
  const anchor = anchorFor(router, input.cursor);
  const base = indentAt(original, anchor.getStart());
  const inner = base + style.indent;
  const semi = style.semi ? ';' : '';
  const lines: string[] = [];
  for (const p of params as PathParam[]) {
    if (idParams && p.name === 'id') lines.push(`const { id } = ${ref(idParams)}.parse(req.params)${semi}`);
    else lines.push(p.type === 'int'
      ? `const ${p.name} = ${ref(zodNeed)}.coerce.number().int().parse(req.params.${p.name})${semi}`
      : `const ${p.name} = req.params.${p.name}${semi}`);
  }
  if (body) lines.push(`const body = ${ref({ module: body.module, name: body.name, project: true })}.parse(req.body)${semi}`);
  lines.push(`// Generated by backend-skill: answers 501 until implemented; then reply ${successReply(method.data)}.`);
  lines.push(`res.status(501).json({ detail: ${tsString('Not implemented yet', style)} })${semi}`);
  const args = [tsString(path, style), ...(auth ? [auth.text] : []), `${async ? 'async ' : ''}(req, res) => {`];
  const eol = style.eol;
  const route = `${base}${router.name}.${method.data.toLowerCase()}(${args.join(', ')}${eol}${lines.map((l) => `${inner}${l}`).join(eol)}${eol}${base}})${semi}${eol}`;

  const edits: TextEdit[] = [...imports.edits];
  const at = lineEnd(original, anchor.getEnd());
  const lead = at === original.length && !original.endsWith('\n') ? eol : '';
  if (auth?.declare) {
    // After the declarations that follow the router (before its first route): in scope for this route and the later ones.
    const firstRoute = router.routeStatements[0]?.statement;
    let declared = router.statements[router.declIndex]!;
    for (const s of router.statements.slice(router.declIndex + 1)) {
      if (s === firstRoute || !parsed.morph.Node.isVariableStatement(s)) break;
      declared = s;
    }
    const declEnd = lineEnd(original, declared.getEnd());
    edits.push({ start: declEnd, end: declEnd, text: `${base}${auth.declare.text}${semi}${eol}` });
    notes.push(`declared \`${auth.declare.text}\` in ${routerPath}`);
  }
  edits.push({ start: at, end: at, text: `${lead}${eol}${route}` });
  const merged = mergeInserts(edits);
  const result = applyEdits(original, merged);
  const after = await firstTsSyntaxError(routerPath, result);
  if (after) throw new PlanError(`internal: the planned ${routerPath} would not parse (line ${after.line}, column ${after.column}: ${after.message})`);
  const focusAt = result.indexOf(route.trimStart());
  notes.unshift(`${method.data} ${path} -> ${router.name} in ${routerPath}${auth ? ` behind ${auth.text}` : ''}${body ? `, body parsed with ${body.name}` : ''}`);
  return {
    changes: [{ kind: 'modify', path: routerPath, original, edits: merged }],
    notes,
    ...(focusAt >= 0 ? { focus: { path: routerPath, offset: focusAt } } : {}),
  };
}
